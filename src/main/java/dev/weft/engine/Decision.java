package dev.weft.engine;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * What the decider wants done; applied in order, in one transaction, by the engine's applier.
 * Each decision names the step statuses it moves between so the applier can guard every change.
 */
public sealed interface Decision {

    record StartRun() implements Decision {}

    /** Make a step ready; {@code at} is when it may start (later than now for a retry). */
    record QueueStep(String stepId, Instant at) implements Decision {}

    record SkipStep(String stepId, String reason) implements Decision {}

    record RecordSuccess(String stepId, JsonNode output) implements Decision {}

    /** Record a failed attempt and queue the next one at {@code at}. */
    record ScheduleRetry(String stepId, StepError error, Instant at) implements Decision {}

    /** Put a step whose execution was lost back in the queue without counting the attempt. */
    record RequeueInterrupted(String stepId) implements Decision {}

    /** Put a running step back in the queue until {@code until}, not counting the attempt. */
    record DeferStep(String stepId, Instant until) implements Decision {}

    /** The step failed for good (its onError decides what that does to the run). */
    record RecordFailure(String stepId, StepError error) implements Decision {}

    record CancelStep(String stepId) implements Decision {}

    /** Back to pending (resume). */
    record ResetStep(String stepId) implements Decision {}

    record CompleteRun(JsonNode output) implements Decision {}

    record FailRun(StepError error) implements Decision {}

    record CancelRun() implements Decision {}

    /**
     * A failed run goes back to running (resume).
     *
     * @param deadline the run's new deadline: the resume time plus the definition's timeout, so that
     *                 a run that failed on its timeout gets the whole of it again instead of failing
     *                 at once; null when the definition has no timeout
     */
    record ReopenRun(java.time.Instant deadline, JsonNode details) implements Decision {
        public ReopenRun(java.time.Instant deadline) {
            this(deadline, null);
        }
    }

    /**
     * Removes the items of a {@code forEach} step that a resume runs again from scratch: the list
     * is evaluated anew when the step starts.
     */
    record DropItems(String stepId, java.util.List<String> itemIds) implements Decision {
        public DropItems {
            itemIds = java.util.List.copyOf(itemIds);
        }
    }

    /**
     * A {@code wait_for_signal} step starts waiting: no worker holds it; a signal or its time-out
     * ends the wait.
     */
    record AwaitSignal(String stepId, String signal, Instant until) implements Decision {}

    /**
     * A {@code forEach} step starts: {@code items} become its items, pending, named by
     * {@link FanOut#itemId}, and the step goes to running, held by no worker, until its items have
     * run. On resume the items exist already and {@code items} is empty.
     */
    record ExpandItems(String stepId, java.util.List<JsonNode> items) implements Decision {
        public ExpandItems {
            items = java.util.List.copyOf(items);
        }
    }

    /**
     * A {@code workflow} step started its child run: it waits for it, holding no worker; the child's
     * end ends the wait.
     */
    record AwaitChildRun(String stepId, String childRunId) implements Decision {}

    /** A stored signal is taken by a step (its payload becomes the step's output). */
    record ConsumeSignal(long signalId, String stepId) implements Decision {}
}
