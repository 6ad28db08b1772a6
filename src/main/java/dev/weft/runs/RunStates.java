package dev.weft.runs;

import dev.weft.definition.SignalWait;
import dev.weft.store.RunStore;
import dev.weft.common.Json;
import dev.weft.definition.DefinitionService;
import dev.weft.engine.FanOut;
import dev.weft.engine.RunState;
import dev.weft.engine.StepError;
import dev.weft.engine.StepState;
import dev.weft.store.RunRecord;
import dev.weft.store.StepRecord;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Builds the decider's view of a stored run. */
@Component
public class RunStates {

    private final DefinitionService definitions;
    private final RunStore store;

    public RunStates(DefinitionService definitions, RunStore store) {
        this.definitions = definitions;
        this.store = store;
    }

    public RunState of(RunRecord run) {
        Map<String, StepState> steps = new LinkedHashMap<>();
        for (StepRecord s : run.steps()) {
            steps.put(s.stepId(), new StepState(s.stepId(), s.status(), s.attempt(), s.interruptions(), s.output(),
                    error(s.error()), s.item(), s.childRunId(), s.attemptBase()));
        }
        var definition = definitions.parseStored(run.definition());
        Map<String, StepState> ordered = new LinkedHashMap<>();
        for (var d : definition.steps()) {
            ordered.put(d.id(), steps.get(d.id()));
            if (d.fansOut()) {
                FanOut.items(steps, d.id()).forEach(item -> ordered.put(item.id(), item));
            }
        }
        // unconsumed signals matter only to a run that can wait for one: no query for the others
        boolean waits = definition.steps().stream().anyMatch(d -> SignalWait.TYPE.equals(d.type()));
        return new RunState(run.id(), run.status(), definition, run.input(), meta(run), ordered, run.deadline(),
                waits ? store.unconsumedSignals(run.id()) : java.util.List.of());
    }

    static JsonNode meta(RunRecord run) {
        return meta(run.id(), run.appId(), run.workflowSlug(), run.workflowVersion(), run.createdAt());
    }

    /** What expressions see as {@code run}: {@code id, appId, workflowSlug, workflowVersion, createdAt}. */
    static JsonNode meta(String id, String appId, String workflowSlug, Integer workflowVersion, java.time.Instant createdAt) {
        ObjectNode meta = Json.object();
        meta.put("id", id);
        meta.put("appId", appId);
        if (workflowSlug != null) {
            meta.put("workflowSlug", workflowSlug);
        }
        if (workflowVersion != null) {
            meta.put("workflowVersion", workflowVersion);
        }
        meta.put("createdAt", createdAt.toString());
        return meta;
    }

    static StepError error(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return new StepError(node.path("code").asString(""), node.path("message").asString(""),
                node.path("retryable").asBoolean(false));
    }
}
