package dev.weft.steps;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * Everything one execution of a step may use.
 *
 * @param input          the step's input with every expression evaluated, already validated against
 *                       the type's input schema
 * @param firstStartedAt when the first attempt of this step started (for {@code delay})
 * @param deltas         where a step that streams ({@code text_generate} with {@code stream: true})
 *                       hands its partial text as it arrives; not stored, only sent to open event streams
 */
public record StepContext(String appId, String runId, String stepId, int attempt, JsonNode input,
                          Instant firstStartedAt, java.util.function.Consumer<String> deltas) {

    public StepContext {
        deltas = deltas == null ? text -> { } : deltas;
    }

    /** A context whose streamed text goes nowhere. */
    public StepContext(String appId, String runId, String stepId, int attempt, JsonNode input, Instant firstStartedAt) {
        this(appId, runId, stepId, attempt, input, firstStartedAt, null);
    }

    /** A stable id for side effects of this step, the same across retries (idempotency keys). */
    public String effectId() {
        return runId + ":" + stepId;
    }
}
