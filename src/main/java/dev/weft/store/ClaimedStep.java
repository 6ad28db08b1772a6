package dev.weft.store;

import java.time.Instant;

/**
 * A step a worker now holds: run {@code attempt} under {@code leaseToken} until {@code leaseUntil}
 * unless renewed. Only a result carrying the same token is accepted.
 */
public record ClaimedStep(String runId, String appId, String stepId, String stepType, int attempt,
                          String leaseToken, Instant leaseUntil, Instant firstStartedAt) {}
