package dev.weft.engine;

import dev.weft.common.Json;
import dev.weft.definition.StepDefinition;
import dev.weft.expression.EvaluationContext;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Builds what expressions see of a run: {@code input}, {@code steps.<id>.{status,output,error}}, {@code run}. */
public final class ExpressionScope {

    private ExpressionScope() {}

    /** How a step's stored output is shown to an expression, for example an artifact reference resolved back to JSON. */
    @FunctionalInterface
    public interface OutputView {
        OutputView STORED = (stepId, output) -> output;

        JsonNode view(String stepId, JsonNode output);
    }

    public static EvaluationContext of(RunState run, Map<String, StepState> steps) {
        return of(run, steps, OutputView.STORED);
    }

    /** As {@link #of(RunState, Map)}, with each available output passed through {@code outputs}. */
    public static EvaluationContext of(RunState run, Map<String, StepState> steps, OutputView outputs) {
        ObjectNode stepsNode = Json.object();
        for (StepDefinition def : run.definition().steps()) {
            StepState s = steps.get(def.id());
            ObjectNode node = stepsNode.putObject(def.id());
            node.put("status", s.status().wire());
            Resolution r = Resolution.of(def.id(), run.definition(), steps);
            if (r.kind() == Resolution.Kind.OK && r.output() != null) {
                node.set("output", outputs.view(def.id(), r.output()));
            } else {
                node.putNull("output");
            }
            node.put("attempts", s.attempt());
            if (s.error() != null) {
                ObjectNode err = node.putObject("error");
                err.put("code", s.error().code());
                err.put("message", s.error().message());
            } else {
                node.putNull("error");
            }
        }
        return new EvaluationContext(run.input(), stepsNode, run.meta());
    }
}
