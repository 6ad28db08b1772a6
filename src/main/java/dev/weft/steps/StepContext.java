package dev.weft.steps;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * Everything one execution of a step may use.
 *
 * @param input          the step's input with every expression evaluated, already validated against
 *                       the type's input schema
 * @param firstStartedAt when the first attempt of this step started (for {@code delay})
 */
public record StepContext(String appId, String runId, String stepId, int attempt, JsonNode input,
                          Instant firstStartedAt) {

    /** A stable id for side effects of this step, the same across retries (idempotency keys). */
    public String effectId() {
        return runId + ":" + stepId;
    }
}
