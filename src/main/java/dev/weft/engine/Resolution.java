package dev.weft.engine;

import dev.weft.definition.OnError;
import dev.weft.definition.StepDefinition;
import dev.weft.definition.WorkflowDefinition;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * How a finished (or unfinished) step looks to the steps that depend on it, taking its
 * {@code onError} into account: a failure with {@code continue} is {@link Kind#OK} with a null
 * output; a failure with a fallback is whatever the fallback's resolution is.
 */
record Resolution(Kind kind, JsonNode output, String cause) {

    enum Kind { WAIT, OK, SKIP, FAIL }

    static Resolution of(String stepId, WorkflowDefinition definition, Map<String, StepState> steps) {
        StepState state = steps.get(stepId);
        StepDefinition def = definition.requireStep(stepId);
        return switch (state.status()) {
            case PENDING, QUEUED, RUNNING, WAITING -> new Resolution(Kind.WAIT, null, stepId);
            case SUCCEEDED -> new Resolution(Kind.OK, state.output(), stepId);
            case SKIPPED, CANCELLED -> new Resolution(Kind.SKIP, null, stepId);
            case FAILED -> switch (def.onError()) {
                case OnError.Continue c -> new Resolution(Kind.OK, null, stepId);
                case OnError.Fail f -> new Resolution(Kind.FAIL, null, stepId);
                case OnError.Fallback(String fallback) -> {
                    Resolution r = of(fallback, definition, steps);
                    yield r.kind() == Kind.SKIP ? new Resolution(Kind.FAIL, null, stepId) : r;
                }
            };
        };
    }
}
