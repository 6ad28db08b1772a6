package dev.weft.store;

import java.time.Instant;

/**
 * A step a worker now holds: run {@code attempt} under {@code leaseToken} until {@code leaseUntil}
 * unless renewed. Only a result carrying the same token is accepted.
 *
 * @param run the run with its steps as read in the claim's own transaction (so executing the step
 *            needs no further round trip), or null when the claimer did not read it
 */
public record ClaimedStep(String runId, String appId, String stepId, String stepType, int attempt,
                          String leaseToken, Instant leaseUntil, Instant firstStartedAt, RunRecord run) {

    public ClaimedStep(String runId, String appId, String stepId, String stepType, int attempt, String leaseToken,
                       Instant leaseUntil, Instant firstStartedAt) {
        this(runId, appId, stepId, stepType, attempt, leaseToken, leaseUntil, firstStartedAt, null);
    }

    public ClaimedStep withRun(RunRecord snapshot) {
        return new ClaimedStep(runId, appId, stepId, stepType, attempt, leaseToken, leaseUntil, firstStartedAt, snapshot);
    }
}
