package dev.weft.runs;

import dev.weft.common.ConflictException;
import dev.weft.common.Json;
import dev.weft.common.NotFoundException;
import dev.weft.common.Suggestions;
import dev.weft.common.ValidationException;
import dev.weft.definition.DefinitionService;
import dev.weft.definition.InputSchemas;
import dev.weft.definition.StepDefinition;
import dev.weft.definition.WorkflowDefinition;
import dev.weft.engine.Decider;
import dev.weft.engine.RunStatus;
import dev.weft.steps.StepHandler;
import dev.weft.steps.StepRegistry;
import dev.weft.store.RunRecord;
import dev.weft.store.RunStore;
import dev.weft.store.StepRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Resumes a run, optionally with a fix: a patch of its input, a replacement input for steps that
 * will run again, and/or a step to run again from (it and everything after it, even when they
 * succeeded). Everything is checked before anything changes; the changes and the resume commit
 * together, and the run's history records them with the key that asked.
 */
@Service
public class RunResumes {

    /**
     * What a client asks for; every part optional.
     *
     * @param input a JSON merge patch (RFC 7396) of the run's input
     * @param steps a replacement input per step id
     * @param from  the step to run again from
     * @param keyId the API key that asked, for the history
     */
    public record Fix(JsonNode input, Map<String, JsonNode> steps, String from, String keyId) {
        public Fix {
            steps = steps == null ? Map.of() : Map.copyOf(steps);
        }

        boolean changesSomething() {
            return input != null || !steps.isEmpty() || from != null;
        }
    }

    private final RunStore store;
    private final DefinitionService definitions;
    private final StepRegistry registry;
    private final ConcurrencyGate gate;
    private final TransactionTemplate tx;

    public RunResumes(RunStore store, DefinitionService definitions, StepRegistry registry, ConcurrencyGate gate,
                      TransactionTemplate tx) {
        this.store = store;
        this.definitions = definitions;
        this.registry = registry;
        this.gate = gate;
        this.tx = tx;
    }

    public void resume(String appId, String runId, Fix fix) {
        RunRecord run = store.find(appId, runId, true).orElseThrow(() -> new NotFoundException("run", "no run " + runId + " for this app"));
        boolean fromStep = fix.from() != null;
        if (run.status() != RunStatus.FAILED && !(fromStep && run.status() == RunStatus.COMPLETED)) {
            throw new ConflictException("run-not-resumable", fromStep
                    ? "only a failed or completed run can be resumed from a step; run " + runId + " is " + run.status().wire()
                    : "only a failed run can be resumed (a completed one with \"from\"); run " + runId + " is "
                            + run.status().wire());
        }
        WorkflowDefinition definition = definitions.parseStored(run.definition());
        List<Map<String, String>> errors = new ArrayList<>();
        Set<String> ids = new java.util.TreeSet<>(definition.steps().stream().map(StepDefinition::id).toList());
        if (fromStep && !ids.contains(fix.from())) {
            errors.add(error("from", "the workflow has no step '" + fix.from() + "'" + didYouMean(fix.from(), ids)));
        }
        JsonNode input = patchedInput(run, definition, fix, errors);
        Set<String> rerun = fromStep && ids.contains(fix.from()) ? Decider.downstreamOf(definition, fix.from()) : Set.of();
        Map<String, StepRecord> records = new LinkedHashMap<>();
        run.steps().forEach(s -> records.put(s.stepId(), s));
        for (Map.Entry<String, JsonNode> e : fix.steps().entrySet()) {
            checkStepInput(definition, records, rerun, ids, e.getKey(), e.getValue(), errors);
        }
        if (!errors.isEmpty()) {
            throw new ValidationException("invalid-resume", "The resume request cannot be applied",
                    errors.getFirst().get("field") + ": " + errors.getFirst().get("message"), errors);
        }
        JsonNode details = fix.changesSomething() || fix.keyId() != null ? details(fix) : null;
        tx.executeWithoutResult(status -> {
            store.lock(runId);
            if (input != null) {
                store.replaceInput(runId, input);
            }
            fix.steps().forEach((stepId, stepInput) -> store.overrideStepInput(runId, stepId, stepInput));
            gate.resume(run, fix.from(), details);
        });
    }

    private static JsonNode patchedInput(RunRecord run, WorkflowDefinition definition, Fix fix,
                                         List<Map<String, String>> errors) {
        if (fix.input() == null) {
            return null;
        }
        if (!fix.input().isObject()) {
            errors.add(error("input", "must be a JSON object: a merge patch of the run's input (a null value removes a field)"));
            return null;
        }
        JsonNode patched = mergePatch(run.input() == null ? Json.object() : run.input().deepCopy(), fix.input());
        if (definition.inputSchema() != null) {
            for (InputSchemas.Violation v : InputSchemas.validate(definition.inputSchema(), patched)) {
                errors.add(error(v.location().isEmpty() ? "input" : "input." + v.location(),
                        v.message() + " (the run's input after the patch, against the workflow's inputSchema)"));
            }
        }
        return patched;
    }

    /** RFC 7396: objects merge key by key, null removes, anything else replaces. */
    static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode result = target != null && target.isObject() ? (ObjectNode) target : Json.object();
        for (Map.Entry<String, JsonNode> e : patch.properties()) {
            if (e.getValue().isNull()) {
                result.remove(e.getKey());
            } else {
                result.set(e.getKey(), mergePatch(result.get(e.getKey()), e.getValue()));
            }
        }
        return result;
    }

    private void checkStepInput(WorkflowDefinition definition, Map<String, StepRecord> records, Set<String> rerun,
                                Set<String> ids, String stepId, JsonNode stepInput, List<Map<String, String>> errors) {
        String field = "steps." + stepId;
        if (!ids.contains(stepId)) {
            errors.add(error(field, "the workflow has no step '" + stepId + "'" + didYouMean(stepId, ids)));
            return;
        }
        StepDefinition def = definition.requireStep(stepId);
        StepRecord record = records.get(stepId);
        boolean failed = record != null && (record.status() == dev.weft.engine.StepStatus.FAILED
                || record.status() == dev.weft.engine.StepStatus.CANCELLED);
        if (!failed && !rerun.contains(stepId)) {
            errors.add(error(field, "step '" + stepId + "' is " + (record == null ? "unknown" : record.status().wire())
                    + " and will not run again; resume with \"from\": \"" + stepId + "\" to run it again"));
            return;
        }
        if (def.fansOut()) {
            errors.add(error(field, "step '" + stepId + "' runs forEach: each item renders its own input from item; "
                    + "patch the run's input or change the definition instead"));
            return;
        }
        if (stepInput == null || !stepInput.isObject()) {
            errors.add(error(field + ".input", "must be a JSON object: the step's whole input, used instead of its template"));
            return;
        }
        StepHandler handler = registry.find(def.type()).orElse(null);
        if (handler != null) {
            for (InputSchemas.Violation v : InputSchemas.validate(handler.inputSchema(), stepInput)) {
                errors.add(error(field + ".input" + (v.location().isEmpty() ? "" : "." + v.location()), v.message()));
            }
        }
    }

    private static JsonNode details(Fix fix) {
        ObjectNode details = Json.object();
        if (fix.keyId() != null) {
            details.put("keyId", fix.keyId());
        }
        if (fix.from() != null) {
            details.put("from", fix.from());
        }
        if (fix.input() != null) {
            details.set("input", fix.input());
        }
        if (!fix.steps().isEmpty()) {
            ObjectNode steps = details.putObject("steps");
            fix.steps().forEach((id, in) -> steps.putObject(id).set("input", in));
        }
        return details;
    }

    private static String didYouMean(String name, Set<String> known) {
        return Suggestions.nearest(name, known).map(s -> "; did you mean '" + s + "'?").orElse("")
                + " Steps: " + String.join(", ", known);
    }

    private static Map<String, String> error(String field, String message) {
        return Map.of("field", field, "message", message);
    }
}
