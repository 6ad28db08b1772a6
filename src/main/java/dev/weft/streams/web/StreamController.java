package dev.weft.streams.web;

import dev.weft.streams.RunStreams;

import dev.weft.api.ApiProblem;
import dev.weft.auth.AuthenticatedApp;
import dev.weft.store.RunRecord;
import dev.weft.store.RunStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Server-sent events: one run's history then what comes, live; an app's run status changes, live. */
@RestController
@RequestMapping("/v1/workflows/runs")
@Tag(name = "Runs")
public class StreamController {

    private static final Set<String> STATUSES = Set.of("pending", "running", "completed", "failed", "cancelled");

    private final RunStore store;
    private final RunStreams streams;

    public StreamController(RunStore store, RunStreams streams) {
        this.store = store;
        this.streams = streams;
    }

    @GetMapping(path = "/{runId}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "The run's events as server-sent events: its history, then live, until its terminal event",
            description = "One SSE event per history entry: event is its type (step.started, step.succeeded, "
                    + "run.completed, ...), id its sequence number, data the entry as JSON. Resume with the "
                    + "Last-Event-ID header (or ?after=). Comments keep an idle stream open. Works whichever process "
                    + "wrote the event. Same authentication and 404 rules as the run view.")
    public SseEmitter run(AuthenticatedApp app, @PathVariable String runId,
                          @RequestHeader(value = "Last-Event-ID", required = false) String lastEventId,
                          @RequestParam(required = false) Long after) {
        RunRecord run = store.find(app.appId(), runId, false)
                .orElseThrow(() -> ApiProblem.notFound("run", "no run " + runId + " for this app"));
        return streams.openRun(runId, cursor(lastEventId, after), run.status().isTerminal());
    }

    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "The app's run status changes as server-sent events, live",
            description = "One event per change (run.created, run.started, run.resumed, run.completed, run.failed, "
                    + "run.cancelled) with runId, status, workflowSlug and workflowVersion; filter with status and "
                    + "workflowSlug. From now on, or after Last-Event-ID.")
    public SseEmitter app(AuthenticatedApp app, @RequestParam(required = false) String status,
                          @RequestParam(required = false) String workflowSlug,
                          @RequestHeader(value = "Last-Event-ID", required = false) String lastEventId) {
        if (status != null && !STATUSES.contains(status)) {
            throw ApiProblem.invalidField("status", "must be one of pending, running, completed, failed, cancelled");
        }
        return streams.openApp(app.appId(), cursor(lastEventId, null),
                e -> (status == null || status.equals(RunStreams.statusOf(e.type())))
                        && (workflowSlug == null || workflowSlug.equals(e.workflowSlug())));
    }

    private static long cursor(String lastEventId, Long after) {
        if (lastEventId != null && !lastEventId.isBlank()) {
            try {
                return Math.max(0, Long.parseLong(lastEventId.strip()));
            } catch (NumberFormatException e) {
                throw ApiProblem.invalidField("Last-Event-ID", "must be the id of an event this stream sent (a number)");
            }
        }
        return after == null ? 0 : Math.max(0, after);
    }
}
