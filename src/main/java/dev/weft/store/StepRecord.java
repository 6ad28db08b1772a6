package dev.weft.store;

import dev.weft.engine.StepStatus;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** A step of a run as stored. */
public record StepRecord(String stepId, String type, StepStatus status, int attempt, int interruptions,
                         JsonNode input, JsonNode output, JsonNode error, String statusReason,
                         Instant queuedAt, Instant availableAt, Instant firstStartedAt, Instant startedAt,
                         Instant finishedAt, String leaseToken) {}
