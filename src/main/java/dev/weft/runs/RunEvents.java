package dev.weft.runs;

import dev.weft.steps.StepResult;
import dev.weft.store.ClaimedStep;
import dev.weft.store.StepRef;
import tools.jackson.databind.JsonNode;

/**
 * The port through which the parts that execute and supervise steps (workers, the maintenance
 * loop) report to the runs. Each call is one event for the run's decider, decided and applied in
 * one transaction; a stale event (a lease no longer held, a run already finished) changes nothing.
 * Implemented by {@link RunCoordinator}.
 */
public interface RunEvents {

    /** Starts a run that was accepted but not started. */
    void start(String runId);

    /**
     * An attempt's result, with the input it was given; ignored when the lease is no longer the
     * worker's.
     */
    void onResult(ClaimedStep claim, StepResult result, JsonNode input);

    /** A running step whose execution was lost (expired lease, process restart). */
    void onInterrupted(StepRef ref, int attempt, String leaseToken);

    /** A step waiting for a signal whose wait may have ended. */
    void onWaitTimeout(StepRef ref);

    /** A run whose deadline may have passed. */
    void onDeadline(String runId);

    /** The run {@code childRunId} that the {@code workflow} step {@code waiting} waits for may have finished. */
    void onChildRunFinished(StepRef waiting, String childRunId);

    /** A child run whose parent step no longer waits for it (the step or its run ended): it is cancelled. */
    void onOrphanedChildRun(String childRunId);
}
