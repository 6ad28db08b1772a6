package dev.weft.engine;

import dev.weft.definition.WorkflowDefinition;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A run as the decider sees it: its definition, input, status and every step's state.
 *
 * @param meta    the {@code run} object visible to expressions
 * @param signals signals sent to the run that no step has consumed yet, oldest first (loaded only
 *                for definitions with a {@code wait_for_signal} step)
 */
public record RunState(String runId, RunStatus status, WorkflowDefinition definition, JsonNode input,
                       JsonNode meta, Map<String, StepState> steps, Instant deadline, List<Signal> signals) {

    /** A signal sent to the run and kept until a step waiting on its name consumes it. */
    public record Signal(long id, String name, JsonNode payload) {}

    public RunState {
        steps = Collections.unmodifiableMap(new LinkedHashMap<>(steps));
        signals = List.copyOf(signals);
    }

    public RunState(String runId, RunStatus status, WorkflowDefinition definition, JsonNode input, JsonNode meta,
                    Map<String, StepState> steps, Instant deadline) {
        this(runId, status, definition, input, meta, steps, deadline, List.of());
    }

    public StepState step(String id) {
        StepState s = steps.get(id);
        if (s == null) {
            throw new IllegalArgumentException("run " + runId + " has no step '" + id + "'");
        }
        return s;
    }
}
