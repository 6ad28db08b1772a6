package dev.weft.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A run's event stream ({@code GET /v1/workflows/runs/{id}/stream}) read on the caller's thread:
 * each server-sent event goes to the listener; when the connection breaks before the run's end,
 * the stream reconnects with {@code Last-Event-ID} (so nothing is seen twice or missed), up to
 * {@code maxReconnects} times in a row.
 */
public final class RunEvents {

    /**
     * One server-sent event: {@code type} such as {@code step.succeeded}, {@code run.completed} or
     * {@code step.delta}; {@code id} the history entry's id (null for deltas, which are not stored);
     * {@code data} the entry as JSON.
     */
    public record StreamEvent(String type, Long id, JsonNode data) {

        public boolean isTerminal() {
            return type.equals("run.completed") || type.equals("run.failed") || type.equals("run.cancelled");
        }

        /** The text of a {@code step.delta} event, else null. */
        public String deltaText() {
            return type.equals("step.delta") ? data.path("text").asText() : null;
        }
    }

    private final Transport transport;

    RunEvents(Transport transport) {
        this.transport = transport;
    }

    /**
     * Reads the run's events from {@code afterId} (0: its whole history) until its terminal event;
     * answers the last one. Throws {@link WeftApiException} for an unknown run.
     */
    public StreamEvent follow(String runId, long afterId, Consumer<StreamEvent> listener, int maxReconnects) {
        long cursor = afterId;
        int failures = 0;
        while (true) {
            Map<String, String> headers = new LinkedHashMap<>();
            if (cursor > 0) {
                headers.put("Last-Event-ID", Long.toString(cursor));
            }
            HttpResponse<InputStream> response = null;
            try {
                response = transport.stream("/v1/workflows/runs/" + Transport.segment(runId) + "/stream", headers);
                if (response.statusCode() >= 400) {
                    throw Transport.problem(new Transport.Answer(response.statusCode(), response.headers().map(),
                            response.body().readAllBytes()));
                }
                long[] seen = {cursor};
                StreamEvent[] end = {null};
                read(response.body(), event -> {
                    if (event.id() != null) {
                        seen[0] = event.id();
                    }
                    listener.accept(event);
                    if (event.isTerminal()) {
                        end[0] = event;
                        return false;
                    }
                    return true;
                });
                if (seen[0] > cursor) {
                    failures = 0;
                }
                cursor = seen[0];
                if (end[0] != null) {
                    return end[0];
                }
            } catch (IOException | WeftTransportException e) {
                if (++failures > maxReconnects) {
                    throw e instanceof WeftTransportException t ? t
                            : new WeftTransportException("the event stream of run " + runId + " broke off", e);
                }
                pause(failures);
                continue;
            }
            if (++failures > maxReconnects) {
                throw new WeftTransportException("the event stream of run " + runId + " keeps ending before the run does",
                        null);
            }
            pause(failures);
        }
    }

    /**
     * Watches the app's run status changes ({@code GET /v1/workflows/runs/stream}, filtered by
     * status and workflow when not null) on a daemon thread, reconnecting with Last-Event-ID, until
     * the returned handle is closed.
     */
    public Watch watchApp(String status, String workflowSlug, Consumer<StreamEvent> listener) {
        java.util.concurrent.atomic.AtomicBoolean open = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicBoolean connected = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicReference<InputStream> body = new java.util.concurrent.atomic.AtomicReference<>();
        Thread thread = new Thread(() -> {
            long cursor = 0;
            int failures = 0;
            while (open.get()) {
                Map<String, String> headers = new LinkedHashMap<>();
                if (cursor > 0) {
                    headers.put("Last-Event-ID", Long.toString(cursor));
                }
                try {
                    HttpResponse<InputStream> response = transport.stream("/v1/workflows/runs/stream"
                            + Transport.query(query(status, workflowSlug)), headers);
                    if (response.statusCode() >= 400) {
                        throw Transport.problem(new Transport.Answer(response.statusCode(), response.headers().map(),
                                response.body().readAllBytes()));
                    }
                    body.set(response.body());
                    connected.set(true);
                    long[] seen = {cursor};
                    read(response.body(), event -> {
                        if (event.id() != null) {
                            seen[0] = event.id();
                        }
                        listener.accept(event);
                        return open.get();
                    });
                    cursor = seen[0];
                    failures = 0;
                } catch (IOException | WeftTransportException e) {
                    connected.set(false);
                    if (!open.get()) {
                        return;
                    }
                    pause(++failures);
                }
                connected.set(false);
            }
        }, "weft-watch");
        thread.setDaemon(true);
        thread.start();
        return new Watch() {
            @Override
            public boolean connected() {
                return connected.get();
            }

            @Override
            public void close() throws IOException {
                open.set(false);
                InputStream in = body.get();
                if (in != null) {
                    in.close();
                }
                thread.interrupt();
            }
        };
    }

    /** A watch of the app's runs; close it to stop. */
    public interface Watch extends AutoCloseable {
        /** Whether the stream is connected now (changes from then on are seen). */
        boolean connected();

        @Override
        void close() throws IOException;
    }

    private static Map<String, Object> query(String status, String workflowSlug) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("status", status);
        params.put("workflowSlug", workflowSlug);
        return params;
    }

    /** Reads server-sent events until the stream ends or {@code handler} answers false. */
    private static void read(InputStream in, java.util.function.Predicate<StreamEvent> handler) throws IOException {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String type = "message";
            String id = null;
            StringBuilder data = new StringBuilder();
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        StreamEvent event = new StreamEvent(type, id == null ? null : Long.valueOf(id),
                                Transport.JSON.readTree(data.toString()));
                        if (!handler.test(event)) {
                            return;
                        }
                    }
                    type = "message";
                    id = null;
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    continue; // a keep-alive comment
                } else if (line.startsWith("event:")) {
                    type = line.substring(6).strip();
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("data:")) {
                    data.append(data.length() > 0 ? "\n" : "").append(line.substring(5).stripLeading());
                }
            }
        }
    }

    private static void pause(int failures) {
        try {
            Thread.sleep(Math.min(5_000, 200L << Math.min(failures, 5))); // backoff between reconnections
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WeftTransportException("interrupted while reconnecting", e);
        }
    }

    static Duration remaining(long deadlineNanos) {
        return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    }
}
