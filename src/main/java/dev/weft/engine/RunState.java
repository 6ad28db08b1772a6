package dev.weft.engine;

import dev.weft.definition.WorkflowDefinition;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A run as the decider sees it: its definition, input, status and every step's state.
 *
 * @param meta the {@code run} object visible to expressions
 */
public record RunState(String runId, RunStatus status, WorkflowDefinition definition, JsonNode input,
                       JsonNode meta, Map<String, StepState> steps, Instant deadline) {

    public RunState {
        steps = Collections.unmodifiableMap(new LinkedHashMap<>(steps));
    }

    public StepState step(String id) {
        StepState s = steps.get(id);
        if (s == null) {
            throw new IllegalArgumentException("run " + runId + " has no step '" + id + "'");
        }
        return s;
    }
}
