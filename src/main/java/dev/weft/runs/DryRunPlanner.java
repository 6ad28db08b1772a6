package dev.weft.runs;

import dev.weft.common.Json;
import dev.weft.definition.InputSchemas;
import dev.weft.definition.OnError;
import dev.weft.definition.StepDefinition;
import dev.weft.definition.WorkflowDefinition;
import dev.weft.engine.Decider;
import dev.weft.engine.Decision;
import dev.weft.engine.ExpressionScope;
import dev.weft.engine.FanOut;
import dev.weft.engine.Projection;
import dev.weft.engine.RunEvent;
import dev.weft.engine.RunState;
import dev.weft.engine.RunStatus;
import dev.weft.engine.StepState;
import dev.weft.engine.StepStatus;
import dev.weft.expression.ExpressionEngine;
import dev.weft.expression.ExpressionException;
import dev.weft.steps.SchemaSamples;
import dev.weft.steps.StepHandler;
import dev.weft.steps.StepRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Plans a run without running it: the decider itself is walked through the run, every step that
 * becomes ready "succeeding" with a sample of its type's output (built from the output schema), so
 * the plan follows the engine's own rules for dependencies, conditions and skips. Each step's input
 * is rendered as the worker would render it; whatever depends on an earlier step's output is marked
 * as built from samples. Nothing is stored, dispatched or called.
 */
@Component
public class DryRunPlanner {

    private final Decider decider;
    private final ExpressionEngine expressions;
    private final StepRegistry registry;
    private final Clock clock;

    public DryRunPlanner(Decider decider, ExpressionEngine expressions, StepRegistry registry, Clock clock) {
        this.decider = decider;
        this.expressions = expressions;
        this.registry = registry;
        this.clock = clock;
    }

    /** The plan of a request already checked by {@link RunService#prepare}. */
    public DryRunPlan plan(String appId, RunService.Prepared prepared) {
        WorkflowDefinition definition = prepared.definition();
        Instant now = clock.instant();
        Map<String, StepState> initial = new LinkedHashMap<>();
        definition.steps().forEach(s -> initial.put(s.id(), new StepState(s.id(), StepStatus.PENDING, 0, 0, null, null)));
        JsonNode meta = RunStates.meta("dry-run", appId, prepared.slug(), prepared.version(), now);
        RunState state = new RunState("dry-run", RunStatus.PENDING, definition, prepared.input(), meta, initial, null);

        Map<String, DryRunPlan.StepPlan> planned = new LinkedHashMap<>();
        List<List<String>> waves = new ArrayList<>();
        List<Decision> decisions = decider.decide(state, new RunEvent.Started(), now);
        state = Projection.apply(state, decisions);
        record(definition, decisions, planned);
        while (state.status() == RunStatus.RUNNING) {
            // the items of a forEach step count as their step: all of them run in the step's wave
            List<String> ready = state.steps().values().stream()
                    .filter(s -> s.status() == StepStatus.QUEUED).map(s -> FanOut.stepOf(s.id())).distinct().toList();
            if (ready.isEmpty()) {
                break;
            }
            int wave = waves.size();
            waves.add(ready);
            for (String stepId : ready) {
                planned.put(stepId, runs(definition.requireStep(stepId), state, wave));
            }
            for (String stepId : ready) {
                JsonNode sample = planned.get(stepId).sampleOutput();
                if (definition.requireStep(stepId).fansOut()) {
                    state = runItems(state, stepId, sample, now, definition, planned);
                    continue;
                }
                state = Projection.claim(state, stepId);
                decisions = decider.decide(state, new RunEvent.StepSucceeded(stepId, 1, sample), now);
                state = Projection.apply(state, decisions);
                record(definition, decisions, planned);
            }
        }
        List<DryRunPlan.StepPlan> steps = new ArrayList<>();
        for (StepDefinition def : definition.steps()) {
            steps.add(planned.getOrDefault(def.id(), notReached(definition, def)));
        }
        return outcome(prepared, definition, state, waves, steps);
    }

    /** Every item of a forEach step "succeeds" with the step type's sample, as many at a time as it allows. */
    private RunState runItems(RunState state, String stepId, JsonNode sample, Instant now, WorkflowDefinition definition,
                              Map<String, DryRunPlan.StepPlan> planned) {
        while (state.status() == RunStatus.RUNNING) {
            List<String> queued = FanOut.items(state.steps(), stepId).stream()
                    .filter(i -> i.status() == StepStatus.QUEUED).map(StepState::id).toList();
            if (queued.isEmpty()) {
                return state;
            }
            for (String itemId : queued) {
                state = Projection.claim(state, itemId);
                List<Decision> decisions = decider.decide(state, new RunEvent.StepSucceeded(itemId, 1, sample), now);
                state = Projection.apply(state, decisions);
                record(definition, decisions, planned);
            }
        }
        return state;
    }

    private DryRunPlan outcome(RunService.Prepared prepared, WorkflowDefinition definition, RunState state,
                               List<List<String>> waves, List<DryRunPlan.StepPlan> steps) {
        JsonNode output = null;
        boolean outputFromSamples = false;
        DryRunPlan.Problem error = null;
        String outcome = state.status().wire();
        if (state.status() == RunStatus.COMPLETED) {
            output = completedOutput(definition, state);
            outputFromSamples = definition.output() == null || !expressions.referencedSteps(definition.output()).isEmpty()
                    || expressions.readsStepsDynamically(definition.output());
        } else if (state.status() == RunStatus.FAILED) {
            error = state.steps().values().stream().filter(s -> s.error() != null).findFirst()
                    .map(s -> new DryRunPlan.Problem(s.error().code(), "step '" + s.id() + "': " + s.error().message()))
                    .orElse(new DryRunPlan.Problem("OUTPUT_MAPPING_FAILED", "the output template could not be evaluated"));
        }
        return new DryRunPlan(true, prepared.slug(), prepared.version(), prepared.input(), outcome, waves, steps, output,
                outputFromSamples, error, List.of(
                "Nothing was stored or run. A step's input that reads an earlier step's output is built from a sample "
                        + "of that step type's output schema (marked fromSamples), and so are conditions and the output "
                        + "that read one; a fallback runs only when its step fails, which a plan does not assume."));
    }

    private JsonNode completedOutput(WorkflowDefinition definition, RunState state) {
        if (definition.output() == null) {
            ObjectNode leaves = Json.object();
            for (StepDefinition def : definition.steps()) {
                boolean leaf = definition.steps().stream().noneMatch(o -> o.dependsOn().contains(def.id()));
                StepState s = state.steps().get(def.id());
                if (leaf && s.status() == StepStatus.SUCCEEDED && s.output() != null
                        && definition.ownerOfFallback(def.id()).isEmpty()) {
                    leaves.set(def.id(), s.output());
                }
            }
            return leaves;
        }
        try {
            return expressions.render(definition.output(), ExpressionScope.of(state, state.steps()));
        } catch (ExpressionException e) {
            return null;
        }
    }

    /** A step the decider made ready: its input rendered as a worker would, and the sample it "produces". */
    private DryRunPlan.StepPlan runs(StepDefinition def, RunState state, int wave) {
        StepHandler handler = registry.find(def.type()).orElse(null);
        Set<String> reads = new TreeSet<>(readsOf(def));
        JsonNode input = null;
        List<String> problems = new ArrayList<>();
        DryRunPlan.FanOutPlan fanOut = null;
        try {
            var scope = ExpressionScope.of(state, state.steps());
            if (def.fansOut()) {
                List<StepState> items = FanOut.items(state.steps(), def.id());
                fanOut = new DryRunPlan.FanOutPlan(def.forEach(), items.size(),
                        !expressions.referencedSteps(Json.text(def.forEach())).isEmpty(), def.maxConcurrency(),
                        def.onItemError().name().toLowerCase(java.util.Locale.ROOT));
                reads.addAll(expressions.referencedSteps(Json.text(def.forEach())));
                scope = scope.forItem(items.getFirst().item(), 0);
            }
            input = def.input() == null ? Json.object() : expressions.render(def.input(), scope);
        } catch (ExpressionException e) {
            problems.add(e.code() + ": input." + e.path() + " could not be evaluated: " + e.getMessage());
        }
        if (input != null && handler != null) {
            for (InputSchemas.Violation v : InputSchemas.validate(handler.inputSchema(), input)) {
                problems.add("INVALID_STEP_INPUT: input" + (v.location().isEmpty() ? "" : "." + v.location()) + ": "
                        + v.message() + (reads.isEmpty() ? "" : " (with sample values)"));
            }
        }
        JsonNode sample = handler == null ? Json.object() : SchemaSamples.of(handler.outputSchema());
        JsonNode output = sample;
        if (fanOut != null) {
            // what the step's output will look like: one sample per item
            var outputs = Json.array();
            for (int i = 0; i < fanOut.items(); i++) {
                outputs.add(sample);
            }
            output = outputs;
        }
        return new DryRunPlan.StepPlan(def.id(), def.type(), "would run", wave, def.dependsOn(), condition(def, true),
                input, !reads.isEmpty(), List.copyOf(reads), problems, output, fanOut == null ? null
                : "runs once per item of its forEach list; input is the first item's", settings(def), fanOut);
    }

    private void record(WorkflowDefinition definition, List<Decision> decisions, Map<String, DryRunPlan.StepPlan> planned) {
        for (Decision d : decisions) {
            switch (d) {
                case Decision.SkipStep s -> {
                    StepDefinition def = definition.requireStep(s.stepId());
                    planned.put(s.stepId(), new DryRunPlan.StepPlan(def.id(), def.type(), "would be skipped", null,
                            def.dependsOn(), condition(def, false), null, false, List.copyOf(readsOf(def)), List.of(),
                            null, s.reason(), settings(def)));
                }
                case Decision.ExpandItems e when e.items().isEmpty() && !planned.containsKey(e.stepId()) -> {
                    StepDefinition def = definition.requireStep(e.stepId());
                    planned.put(e.stepId(), new DryRunPlan.StepPlan(def.id(), def.type(), "would run", null,
                            def.dependsOn(), condition(def, true), null, false, List.copyOf(readsOf(def)), List.of(),
                            Json.array(), "forEach gives an empty list: no item runs and the output is []", settings(def),
                            new DryRunPlan.FanOutPlan(def.forEach(), 0, false, def.maxConcurrency(),
                                    def.onItemError().name().toLowerCase(java.util.Locale.ROOT))));
                }
                case Decision.RecordFailure f when FanOut.isItem(f.stepId()) -> { }
                case Decision.RecordFailure f when !planned.containsKey(f.stepId()) -> {
                    StepDefinition def = definition.requireStep(f.stepId());
                    planned.put(f.stepId(), new DryRunPlan.StepPlan(def.id(), def.type(), "would fail", null,
                            def.dependsOn(), condition(def, null), null, false, List.copyOf(readsOf(def)),
                            List.of(f.error().code() + ": " + f.error().message()), null, null, settings(def)));
                }
                default -> { }
            }
        }
    }

    private DryRunPlan.StepPlan notReached(WorkflowDefinition definition, StepDefinition def) {
        String why = definition.ownerOfFallback(def.id())
                .map(owner -> "a fallback: runs only if '" + owner.id() + "' fails")
                .orElse("not reached: an earlier step fails or the run stops before it");
        return new DryRunPlan.StepPlan(def.id(), def.type(), definition.ownerOfFallback(def.id()).isPresent()
                ? "fallback" : "not reached", null, def.dependsOn(), condition(def, null), null, false,
                List.copyOf(readsOf(def)), List.of(), null, why, settings(def));
    }

    private DryRunPlan.Condition condition(StepDefinition def, Boolean value) {
        if (def.when() == null) {
            return null;
        }
        return new DryRunPlan.Condition(def.when(), value, !expressions.referencedSteps(def.when()).isEmpty());
    }

    private Set<String> readsOf(StepDefinition def) {
        Set<String> reads = new TreeSet<>();
        if (def.input() != null) {
            reads.addAll(expressions.referencedSteps(def.input()));
        }
        return reads;
    }

    private static Map<String, Object> settings(StepDefinition def) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("maxAttempts", def.retry().maxAttempts());
        if (def.retry().maxAttempts() > 1) {
            settings.put("initialDelay", def.retry().initialDelay().toString());
            settings.put("maxDelay", def.retry().maxDelay().toString());
        }
        if (def.timeout() != null) {
            settings.put("timeout", def.timeout().toString());
        }
        settings.put("onError", switch (def.onError()) {
            case OnError.Fallback f -> "fallback to " + f.stepId();
            case OnError.Continue c -> "continue";
            case OnError.Fail f -> "fail";
        });
        return settings;
    }
}
