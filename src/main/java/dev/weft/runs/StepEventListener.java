package dev.weft.runs;

import dev.weft.engine.StepError;
import java.util.List;

/**
 * Told of the step changes a run's decisions made, inside the transaction that stores them (so
 * what it writes, such as webhook deliveries, commits or rolls back with them). Called on the hot
 * path: an implementation that has nothing to do for the app must return at once.
 */
public interface StepEventListener {

    /**
     * @param events in decision order; {@code type} is the wire name ({@code step.failed}, ...)
     */
    void onStepEvents(StepRun run, List<StepEvent> events);

    /** The run the steps belong to, as the listener sees it. */
    record StepRun(String runId, String appId, String workflowSlug, Integer workflowVersion) {}

    /** One step change: {@code step.succeeded}, {@code step.failed}, {@code step.retrying}, {@code step.waiting}, {@code step.skipped}, {@code step.cancelled}. */
    record StepEvent(String stepId, String type, StepError error) {}
}
