package dev.weft.store;

import dev.weft.engine.StepStatus;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * A step of a run as stored, or an item of a {@code forEach} step ({@code item} is then the value
 * it works on, and the id {@code <step>[<index>]}).
 *
 * @param childRunId    the run a {@code workflow} step started, once it has
 * @param inputOverride the input given for the step when its run was resumed, used instead of its template; or null
 * @param attemptBase   the attempt number the step had when a resume reset it (0 before): the retry
 *                      policy counts the attempts after it
 */
public record StepRecord(String stepId, String type, StepStatus status, int attempt, int interruptions,
                         JsonNode input, JsonNode output, JsonNode error, String statusReason,
                         Instant queuedAt, Instant availableAt, Instant firstStartedAt, Instant startedAt,
                         Instant finishedAt, String leaseToken, JsonNode item, String childRunId,
                         JsonNode inputOverride, int attemptBase) {

    public StepRecord(String stepId, String type, StepStatus status, int attempt, int interruptions,
                      JsonNode input, JsonNode output, JsonNode error, String statusReason,
                      Instant queuedAt, Instant availableAt, Instant firstStartedAt, Instant startedAt,
                      Instant finishedAt, String leaseToken, JsonNode item, String childRunId) {
        this(stepId, type, status, attempt, interruptions, input, output, error, statusReason, queuedAt, availableAt,
                firstStartedAt, startedAt, finishedAt, leaseToken, item, childRunId, null, 0);
    }

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
