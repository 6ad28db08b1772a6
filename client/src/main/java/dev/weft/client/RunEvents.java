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
        StreamEvent last = null;
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
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                    String type = "message";
                    String id = null;
                    StringBuilder data = new StringBuilder();
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        if (line.isEmpty()) {
                            if (data.length() > 0) {
                                StreamEvent event = new StreamEvent(type, id == null ? null : Long.valueOf(id),
                                        Transport.JSON.readTree(data.toString()));
                                if (event.id() != null) {
                                    cursor = event.id();
                                }
                                failures = 0;
                                listener.accept(event);
                                last = event;
                                if (event.isTerminal()) {
                                    return event;
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
                // the server ended the stream: after the run's end it sends its history and stops at once
                if (last != null && last.isTerminal()) {
                    return last;
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
