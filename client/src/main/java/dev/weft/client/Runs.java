package dev.weft.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weft.client.Model.BatchStarted;
import dev.weft.client.Model.Event;
import dev.weft.client.Model.EventPage;
import dev.weft.client.Model.Resume;
import dev.weft.client.Model.Run;
import dev.weft.client.Model.RunPage;
import dev.weft.client.Model.RunQuery;
import dev.weft.client.Model.SignalAccepted;
import dev.weft.client.Model.StartRun;
import dev.weft.client.Model.Started;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/** Runs: start (one or a batch), read, list, cancel, resume, signal, history, stream, await. */
public final class Runs {

    private final Transport transport;
    private final RunEvents events;

    Runs(Transport transport) {
        this.transport = transport;
        this.events = new RunEvents(transport);
    }

    /** Starts a run; 202 answers the run id. An invalid request is a {@link WeftApiException} (422) naming the fields. */
    public Started start(StartRun request) {
        return transport.post("/v1/workflows/run", request).as(Started.class);
    }

    /** The plan of a run without storing or running anything ({@code dryRun=true}). */
    public JsonNode dryRun(StartRun request) {
        return transport.post("/v1/workflows/run?dryRun=true", request).json();
    }

    /** Up to 1,000 runs in one request: one result per item, in order; a refused item does not refuse the others. */
    public BatchStarted startBatch(List<StartRun> requests) {
        return transport.post("/v1/workflows/run/batch", Map.of("runs", requests)).as(BatchStarted.class);
    }

    public Run get(String runId) {
        return transport.get(path(runId)).as(Run.class);
    }

    /** One page of runs, newest first. */
    public RunPage page(RunQuery query, String cursor) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("status", query.status());
        params.put("workflowSlug", query.workflowSlug());
        params.put("createdAfter", query.createdAfter());
        params.put("createdBefore", query.createdBefore());
        params.put("parentRunId", query.parentRunId());
        params.put("cursor", cursor);
        params.put("limit", query.pageSize());
        return transport.get("/v1/workflows/runs" + Transport.query(params)).as(RunPage.class);
    }

    /** Every run the query matches, newest first, fetched a page at a time as the iteration goes. */
    public Iterable<Run> list(RunQuery query) {
        return () -> new Iterator<>() {
            private RunPage page = page(query, null);
            private int next;

            @Override
            public boolean hasNext() {
                if (next < page.runs().size()) {
                    return true;
                }
                if (page.nextCursor() == null) {
                    return false;
                }
                page = page(query, page.nextCursor());
                next = 0;
                return !page.runs().isEmpty();
            }

            @Override
            public Run next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.runs().get(next++);
            }
        };
    }

    public Run cancel(String runId) {
        return transport.post(path(runId) + "/cancel", null).as(Run.class);
    }

    public Run resume(String runId, Resume fix) {
        return transport.post(path(runId) + "/resume", fix).as(Run.class);
    }

    /** Sends a signal: a step waiting on it completes with {@code payload} as its output. */
    public SignalAccepted signal(String runId, String signal, Object payload) {
        return transport.post(path(runId) + "/signals/" + Transport.segment(signal), payload == null ? Map.of() : payload)
                .as(SignalAccepted.class);
    }

    /** The run's whole history, oldest first, read a page at a time. */
    public Iterable<Event> events(String runId) {
        return () -> new Iterator<>() {
            private EventPage page = transport.get(path(runId) + "/events?after=0&limit=500").as(EventPage.class);
            private int next;

            @Override
            public boolean hasNext() {
                if (next < page.events().size()) {
                    return true;
                }
                if (page.events().size() < 500) {
                    return false;
                }
                page = transport.get(path(runId) + "/events?after=" + page.nextAfter() + "&limit=500").as(EventPage.class);
                next = 0;
                return !page.events().isEmpty();
            }

            @Override
            public Event next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.events().get(next++);
            }
        };
    }

    /**
     * Follows the run's event stream on this thread (history first, then live, with streamed text
     * as {@code step.delta}) until its terminal event, reconnecting with Last-Event-ID when the
     * connection breaks; answers the terminal event.
     */
    public RunEvents.StreamEvent stream(String runId, Consumer<RunEvents.StreamEvent> listener) {
        return events.follow(runId, 0, listener, 5);
    }

    /**
     * Watches the app's run status changes (run.created, run.started, run.completed, run.failed,
     * run.cancelled, run.resumed) live on a daemon thread until the handle is closed; status and
     * workflowSlug filter them when not null.
     */
    public RunEvents.Watch watch(String status, String workflowSlug, Consumer<RunEvents.StreamEvent> listener) {
        return events.watchApp(status, workflowSlug, listener);
    }

    /**
     * Waits until the run has finished, following its event stream, and answers the finished run.
     * When streaming is not possible it polls, backing off from 200 ms to 5 s.
     *
     * @throws TimeoutException when the run is still going after {@code timeout}
     */
    public Run await(String runId, Duration timeout) throws TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Run now = get(runId);
        if (now.isFinished()) {
            return now;
        }
        CompletableFuture<RunEvents.StreamEvent> followed = CompletableFuture.supplyAsync(
                () -> events.follow(runId, 0, e -> { }, 2), command -> {
                    Thread thread = new Thread(command, "weft-await-" + runId);
                    thread.setDaemon(true);
                    thread.start();
                });
        try {
            followed.get(Math.max(1, RunEvents.remaining(deadline).toMillis()), TimeUnit.MILLISECONDS);
            return get(runId);
        } catch (TimeoutException e) {
            followed.cancel(true);
            throw new TimeoutException("run " + runId + " has not finished after " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WeftTransportException("interrupted while waiting for run " + runId, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WeftApiException api && api.status() != 503 && api.status() != 429) {
                throw api;
            }
            return poll(runId, deadline, timeout); // streaming did not work out: poll
        }
    }

    private Run poll(String runId, long deadline, Duration timeout) throws TimeoutException {
        long delay = 200;
        while (true) {
            Run run = get(runId);
            if (run.isFinished()) {
                return run;
            }
            if (System.nanoTime() + delay * 1_000_000 > deadline) {
                throw new TimeoutException("run " + runId + " has not finished after " + timeout);
            }
            try {
                Thread.sleep(delay); // polling backoff
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WeftTransportException("interrupted while waiting for run " + runId, e);
            }
            delay = Math.min(5_000, delay * 2);
        }
    }

    private static String path(String runId) {
        return "/v1/workflows/runs/" + Transport.segment(runId);
    }
}
