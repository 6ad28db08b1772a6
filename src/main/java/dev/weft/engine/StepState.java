package dev.weft.engine;

import tools.jackson.databind.JsonNode;

/**
 * What the engine knows of one step of a run, or of one item of a {@code forEach} step (its id is
 * then {@code <step>[<index>]}, see {@link FanOut}).
 *
 * @param attempt       executions started so far (0 before the first)
 * @param interruptions executions lost to a crash or an expired lease (not counted as attempts)
 * @param item          the item an item step works on; null for a step
 * @param childRunId    the run a {@code workflow} step started and waits for (or finished with); null otherwise
 * @param attemptBase   the attempt number when a resume last reset the step (0 before): attempt numbers
 *                      carry on, the retry policy counts {@link #attemptsSinceReset()}
 */
public record StepState(String id, StepStatus status, int attempt, int interruptions, JsonNode output,
                        StepError error, JsonNode item, String childRunId, int attemptBase) {

    public StepState(String id, StepStatus status, int attempt, int interruptions, JsonNode output, StepError error,
                     JsonNode item, String childRunId) {
        this(id, status, attempt, interruptions, output, error, item, childRunId, 0);
    }

    /** Attempts started since the step was last reset by a resume (all of them when it never was). */
    public int attemptsSinceReset() {
        return attempt - attemptBase;
    }

    public StepState(String id, StepStatus status, int attempt, int interruptions, JsonNode output, StepError error,
                     JsonNode item) {
        this(id, status, attempt, interruptions, output, error, item, null);
    }

    public StepState(String id, StepStatus status, int attempt, int interruptions, JsonNode output, StepError error) {
        this(id, status, attempt, interruptions, output, error, null);
    }

    public static StepState pending(String id) {
        return new StepState(id, StepStatus.PENDING, 0, 0, null, null);
    }

    public StepState with(StepStatus newStatus) {
        return new StepState(id, newStatus, attempt, interruptions, output, error, item, childRunId, attemptBase);
    }
}
