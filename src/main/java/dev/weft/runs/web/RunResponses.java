package dev.weft.runs.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The run API's answers that are not a {@link RunView}. */
public final class RunResponses {

    private RunResponses() {}

    /** {@code 202} to {@code POST /v1/workflows/run}. */
    public record Started(String runId,
                   @Schema(allowableValues = {"pending", "running", "completed", "failed", "cancelled"}) String status,
                   @Schema(description = "absolute URL to poll (also the Location header)") String statusUrl,
                   String workflowSlug, Integer workflowVersion, Instant createdAt,
                   @Schema(description = "true when the idempotency key had already been used with this body: the run is the"
                           + " earlier one") boolean idempotentReplay) {}

    /** The answer to a batch: how many runs were accepted and refused, and each item's result in order. */
    public record BatchStarted(int accepted, int refused, List<BatchResult> results) {}

    /**
     * One item of a batch: {@code status} 202 with the run, or the problem's status with the problem.
     */
    public record BatchResult(int index, int status, String runId,
                       @Schema(allowableValues = {"pending", "running", "completed", "failed", "cancelled"}) String runStatus,
                       String statusUrl, Boolean idempotentReplay,
                       @Schema(description = "the problem+json of a refused item") org.springframework.http.ProblemDetail problem) {

        static BatchResult started(int index, String runId, String runStatus, String statusUrl, boolean replay) {
            return new BatchResult(index, 202, runId, runStatus, statusUrl, replay, null);
        }

        static BatchResult refused(int index, org.springframework.http.ProblemDetail problem) {
            return new BatchResult(index, problem.getStatus(), null, null, null, null, problem);
        }
    }

    /** A page of runs, newest first; {@code nextCursor} continues it (absent on the last page). */
    public record RunPage(List<RunView> runs, String nextCursor) {}

    /** One entry of a run's history. */
    public record Event(long id, @Schema(example = "step.succeeded") String type, String stepId, Integer attempt,
                 @Schema(description = "what the entry records, by type (e.g. the error of step.failed, what a run.resumed"
                         + " changed and which key asked)") JsonNode data,
                 Instant at) {}

    /** A page of a run's history, oldest first; {@code nextAfter} is the {@code after} of the next page. */
    public record EventPage(List<Event> events, long nextAfter) {}

    /** {@code 202} to a signal. */
    public record SignalAccepted(String runId, String signal, long signalId,
                          @Schema(description = "the step that took the signal now; absent when it is kept for a step that"
                                  + " waits later") String consumedBy,
                          @Schema(description = "true when no step waits on it yet: kept until one does") boolean kept) {}
}
