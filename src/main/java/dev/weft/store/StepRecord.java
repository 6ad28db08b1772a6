package dev.weft.store;

import dev.weft.engine.StepStatus;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * A step of a run as stored, or an item of a {@code forEach} step ({@code item} is then the value
 * it works on, and the id {@code <step>[<index>]}).
 *
 * @param childRunId the run a {@code workflow} step started, once it has
 */
public record StepRecord(String stepId, String type, StepStatus status, int attempt, int interruptions,
                         JsonNode input, JsonNode output, JsonNode error, String statusReason,
                         Instant queuedAt, Instant availableAt, Instant firstStartedAt, Instant startedAt,
                         Instant finishedAt, String leaseToken, JsonNode item, String childRunId) {

    public StepRecord(String stepId, String type, StepStatus status, int attempt, int interruptions,
                      JsonNode input, JsonNode output, JsonNode error, String statusReason,
                      Instant queuedAt, Instant availableAt, Instant firstStartedAt, Instant startedAt,
                      Instant finishedAt, String leaseToken, JsonNode item) {
        this(stepId, type, status, attempt, interruptions, input, output, error, statusReason, queuedAt, availableAt,
                firstStartedAt, startedAt, finishedAt, leaseToken, item, null);
    }

    public StepRecord(String stepId, String type, StepStatus status, int attempt, int interruptions,
                      JsonNode input, JsonNode output, JsonNode error, String statusReason,
                      Instant queuedAt, Instant availableAt, Instant firstStartedAt, Instant startedAt,
                      Instant finishedAt, String leaseToken) {
        this(stepId, type, status, attempt, interruptions, input, output, error, statusReason, queuedAt, availableAt,
                firstStartedAt, startedAt, finishedAt, leaseToken, null);
    }

    public boolean isItem() {
        return dev.weft.engine.FanOut.isItem(stepId);
    }
}
