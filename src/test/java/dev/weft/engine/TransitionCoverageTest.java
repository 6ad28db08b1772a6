package dev.weft.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.common.Json;
import dev.weft.common.Limits;
import dev.weft.definition.DefinitionParser;
import dev.weft.definition.WorkflowDefinition;
import dev.weft.expression.ExpressionEngine;
import dev.weft.expression.ExpressionLimits;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Drives the decider through scenarios that together take every cell of the transition tables
 * ({@link Transitions#stepTable()}, {@link Transitions#runTable()}), applying its decisions to the
 * state as the store does and checking each change with the same guard; a claim (queued to
 * running) goes through the guard too. After all scenarios, a cell of the tables that no scenario
 * took fails the test: a transition that exists only in the table is either dead or untested.
 */
class TransitionCoverageTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final ExpressionEngine EXPRESSIONS = new ExpressionEngine(ExpressionLimits.defaults());
    private static final DefinitionParser PARSER =
            new DefinitionParser(Set.of("transform", "wait_for_signal", "workflow"), EXPRESSIONS, Limits.defaults());
    private static final Set<String> TAKEN = new TreeSet<>();

    private final Decider decider = new Decider(EXPRESSIONS);

    /** A run's state, changed only by the decider's decisions (and claims), each change guarded and recorded. */
    private final class Simulation {
        RunState state;

        Simulation(String json) {
            WorkflowDefinition def = PARSER.parse(Json.parse(json), false);
            Map<String, StepState> steps = new LinkedHashMap<>();
            def.steps().forEach(s -> steps.put(s.id(), new StepState(s.id(), StepStatus.PENDING, 0, 0, null, null)));
            state = new RunState("run-1", RunStatus.PENDING, def, Json.object(), Json.object(), steps, null);
        }

        Simulation on(RunEvent event) {
            apply(decider.decide(state, event, NOW));
            return this;
        }

        Simulation claim(String stepId) {
            StepState s = state.steps().get(stepId);
            step(stepId, StepStatus.RUNNING, s.attempt() + 1, s.interruptions());
            return this;
        }

        int attempt(String stepId) {
            return state.steps().get(stepId).attempt();
        }

        StepStatus status(String stepId) {
            return state.steps().get(stepId).status();
        }

        private void apply(List<Decision> decisions) {
            for (Decision d : decisions) {
                switch (d) {
                    case Decision.StartRun s -> run(RunStatus.RUNNING);
                    case Decision.ReopenRun r -> run(RunStatus.RUNNING);
                    case Decision.CompleteRun c -> run(RunStatus.COMPLETED);
                    case Decision.FailRun f -> run(RunStatus.FAILED);
                    case Decision.CancelRun c -> run(RunStatus.CANCELLED);
                    case Decision.QueueStep q -> step(q.stepId(), StepStatus.QUEUED, null, null);
                    case Decision.SkipStep s -> step(s.stepId(), StepStatus.SKIPPED, null, null);
                    case Decision.RecordSuccess r -> step(r.stepId(), StepStatus.SUCCEEDED, null, null);
                    case Decision.RecordFailure f -> step(f.stepId(), StepStatus.FAILED, null, null);
                    case Decision.ScheduleRetry r -> step(r.stepId(), StepStatus.QUEUED, null, null);
                    case Decision.RequeueInterrupted r -> {
                        StepState s = state.steps().get(r.stepId());
                        step(r.stepId(), StepStatus.QUEUED, s.attempt() - 1, s.interruptions() + 1);
                    }
                    case Decision.DeferStep r -> {
                        StepState s = state.steps().get(r.stepId());
                        step(r.stepId(), StepStatus.QUEUED, s.attempt() - 1, null);
                    }
                    case Decision.CancelStep c -> step(c.stepId(), StepStatus.CANCELLED, null, null);
                    case Decision.ResetStep r -> step(r.stepId(), StepStatus.PENDING, null, 0);
                    case Decision.DropItems drop -> {
                        Map<String, StepState> steps = new LinkedHashMap<>(state.steps());
                        drop.itemIds().forEach(steps::remove);
                        state = new RunState(state.runId(), state.status(), state.definition(), state.input(),
                                state.meta(), steps, state.deadline());
                    }
                    case Decision.AwaitSignal a -> step(a.stepId(), StepStatus.WAITING, null, null);
                    case Decision.ConsumeSignal c -> { }
                    case Decision.AwaitChildRun a -> {
                        step(a.stepId(), StepStatus.WAITING, null, null);
                        Map<String, StepState> steps = new LinkedHashMap<>(state.steps());
                        StepState s = steps.get(a.stepId());
                        steps.put(a.stepId(), new StepState(s.id(), s.status(), s.attempt(), s.interruptions(), s.output(),
                                s.error(), s.item(), a.childRunId()));
                        state = new RunState(state.runId(), state.status(), state.definition(), state.input(),
                                state.meta(), steps, state.deadline());
                    }
                    case Decision.ExpandItems e -> {
                        step(e.stepId(), StepStatus.RUNNING, null, null);
                        Map<String, StepState> steps = new LinkedHashMap<>(state.steps());
                        for (int i = 0; i < e.items().size(); i++) {
                            String id = FanOut.itemId(e.stepId(), i);
                            steps.put(id, new StepState(id, StepStatus.PENDING, 0, 0, null, null, e.items().get(i)));
                        }
                        state = new RunState(state.runId(), state.status(), state.definition(), state.input(),
                                state.meta(), steps, state.deadline());
                    }
                }
            }
        }

        private void run(RunStatus to) {
            Transitions.checkRun(state.runId(), state.status(), to);
            TAKEN.add("run " + state.status().wire() + " -> " + to.wire());
            state = new RunState(state.runId(), to, state.definition(), state.input(), state.meta(), state.steps(),
                    state.deadline());
        }

        private void step(String stepId, StepStatus to, Integer attempt, Integer interruptions) {
            StepState s = state.steps().get(stepId);
            Transitions.checkStep(state.runId(), stepId, s.status(), to);
            TAKEN.add("step " + s.status().wire() + " -> " + to.wire());
            Map<String, StepState> steps = new LinkedHashMap<>(state.steps());
            steps.put(stepId, new StepState(stepId, to, attempt == null ? s.attempt() : attempt,
                    interruptions == null ? s.interruptions() : interruptions, s.output(), s.error(), s.item(),
                    s.childRunId()));
            state = new RunState(state.runId(), state.status(), state.definition(), state.input(), state.meta(), steps,
                    state.deadline());
        }
    }

    private static RunEvent.StepFailed failed(String stepId, int attempt, boolean retryable) {
        return new RunEvent.StepFailed(stepId, attempt, retryable ? StepError.retryable("SLOW", "slow")
                : StepError.permanent("BAD", "bad"), null);
    }

    @Test
    void aRunThatRetriesIsInterruptedWaitsAndCompletes() {
        Simulation run = new Simulation("""
                {"steps": [{"id": "a", "type": "transform", "retry": {"maxAttempts": 3, "initialDelay": "PT1S"}},
                           {"id": "b", "type": "transform", "when": "false"}]}""");

        run.on(new RunEvent.Started()).claim("a")
                .on(failed("a", 1, true)).claim("a")
                .on(new RunEvent.StepInterrupted("a", 2)).claim("a")
                .on(new RunEvent.StepDeferred("a", 2, NOW.plusSeconds(60))).claim("a")
                .on(new RunEvent.StepSucceeded("a", 2, Json.object()));

        assertThat(run.state.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.status("b")).isEqualTo(StepStatus.SKIPPED);
    }

    @Test
    void aConditionThatCannotBeEvaluatedFailsItsStepAndAResumeRetriesTheCancelledSteps() {
        Simulation run = new Simulation("""
                {"steps": [{"id": "a", "type": "transform"},
                           {"id": "b", "type": "transform", "dependsOn": ["a"], "when": "1 / 0 == 1"},
                           {"id": "c", "type": "transform", "dependsOn": []}]}""");

        run.on(new RunEvent.Started()).claim("a").claim("c")
                .on(new RunEvent.StepSucceeded("a", 1, Json.object()));
        assertThat(run.status("b")).as("its condition failed").isEqualTo(StepStatus.FAILED);
        assertThat(run.status("c")).as("cancelled when the run failed").isEqualTo(StepStatus.CANCELLED);
        assertThat(run.state.status()).isEqualTo(RunStatus.FAILED);

        run.on(new RunEvent.ResumeRequested());

        assertThat(run.state.status()).as("the condition fails again").isEqualTo(RunStatus.FAILED);
        assertThat(run.status("b")).isEqualTo(StepStatus.FAILED);
    }

    @Test
    void cancellingARunCancelsPendingQueuedAndRunningSteps() {
        Simulation run = new Simulation("""
                {"steps": [{"id": "a", "type": "transform"}, {"id": "b", "type": "transform", "dependsOn": []},
                           {"id": "c", "type": "transform", "dependsOn": ["a"]}]}""");

        run.on(new RunEvent.Started()).claim("a").on(new RunEvent.CancelRequested());

        assertThat(run.state.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(List.of(run.status("a"), run.status("b"), run.status("c"))).containsOnly(StepStatus.CANCELLED);
    }

    @Test
    void aStepFailingForGoodFailsTheRunAndPendingRunsCanBeCancelledOrFailed() {
        Simulation failing = new Simulation("{\"steps\": [{\"id\": \"a\", \"type\": \"transform\"}]}");
        failing.on(new RunEvent.Started()).claim("a").on(failed("a", 1, false));
        assertThat(failing.state.status()).isEqualTo(RunStatus.FAILED);
        failing.on(new RunEvent.ResumeRequested()).claim("a").on(new RunEvent.StepSucceeded("a", 2, Json.object()));
        Simulation cancelledBeforeStart = new Simulation("{\"steps\": [{\"id\": \"a\", \"type\": \"transform\"}]}");
        cancelledBeforeStart.on(new RunEvent.CancelRequested());
        Simulation abortedBeforeStart = new Simulation("{\"steps\": [{\"id\": \"a\", \"type\": \"transform\"}]}");
        abortedBeforeStart.on(new RunEvent.Aborted(StepError.permanent("X", "x")));

        assertThat(failing.state.status()).as("resumed, then completed").isEqualTo(RunStatus.COMPLETED);
        assertThat(cancelledBeforeStart.state.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(abortedBeforeStart.state.status()).isEqualTo(RunStatus.FAILED);
    }

    @Test
    void aCompletedRunResumedFromAStepRunsItAndWhatFollowsAgain() {
        Simulation run = new Simulation("""
                {"steps": [{"id": "a", "type": "transform"}, {"id": "b", "type": "transform", "when": "false"},
                           {"id": "c", "type": "transform", "dependsOn": []}]}""");
        run.on(new RunEvent.Started()).claim("a").on(new RunEvent.StepSucceeded("a", 1, Json.object()))
                .claim("c").on(new RunEvent.StepSucceeded("c", 1, Json.object()));
        assertThat(run.state.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.status("b")).isEqualTo(StepStatus.SKIPPED);

        run.on(new RunEvent.ResumeRequested("a", null));

        assertThat(run.state.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(run.status("a")).isEqualTo(StepStatus.QUEUED);
        assertThat(run.status("b")).as("after a: pending again").isEqualTo(StepStatus.PENDING);
        assertThat(run.status("c")).as("not after a: kept").isEqualTo(StepStatus.SUCCEEDED);
        run.claim("a").on(new RunEvent.StepSucceeded("a", 2, Json.object()));
        assertThat(run.attempt("a")).as("attempt numbers carry on").isEqualTo(2);
        assertThat(run.state.status()).isEqualTo(RunStatus.COMPLETED);
    }

    @Test
    void stepsWaitForSignalsThatComeTimeOutOrAreCancelled() {
        String waits = """
                {"steps": [{"id": "approve", "type": "wait_for_signal", "input": {"signal": "approval", "timeout": "PT1H"}},
                           {"id": "other", "type": "wait_for_signal", "dependsOn": [], "input": {"signal": "other"}}]}""";
        Simulation answered = new Simulation(waits);
        answered.on(new RunEvent.Started()).on(new RunEvent.SignalReceived(1, "approval", Json.parse("{\"ok\": true}")));
        Simulation timedOut = new Simulation(waits);
        timedOut.on(new RunEvent.Started()).on(new RunEvent.WaitTimedOut("approve"));
        Simulation cancelled = new Simulation(waits);
        cancelled.on(new RunEvent.Started()).on(new RunEvent.CancelRequested());

        assertThat(answered.status("approve")).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(answered.status("other")).isEqualTo(StepStatus.WAITING);
        assertThat(timedOut.status("approve")).isEqualTo(StepStatus.FAILED);
        assertThat(cancelled.status("approve")).isEqualTo(StepStatus.CANCELLED);
    }

    @Test
    void aForEachStepRunsItsItemsAndAResumeRunsTheFailedOnesAgain() {
        Simulation run = new Simulation("""
                {"steps": [{"id": "each", "type": "transform", "forEach": "{{ [1, 2] }}", "input": {"n": "{{ item }}"}}]}""");

        run.on(new RunEvent.Started()).claim("each[0]").claim("each[1]")
                .on(new RunEvent.StepSucceeded("each[0]", 1, Json.object()))
                .on(failed("each[1]", 1, false));
        assertThat(run.status("each")).isEqualTo(StepStatus.FAILED);
        run.on(new RunEvent.ResumeRequested());
        assertThat(run.status("each")).isEqualTo(StepStatus.RUNNING);
        run.claim("each[1]").on(new RunEvent.StepSucceeded("each[1]", 2, Json.object()));

        assertThat(run.status("each")).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(run.state.status()).isEqualTo(RunStatus.COMPLETED);
    }

    @Test
    void aWorkflowStepWaitsForItsChildRunWithoutAWorker() {
        Simulation run = new Simulation("""
                {"steps": [{"id": "call", "type": "workflow", "input": {"workflowSlug": "child"}}]}""");

        run.on(new RunEvent.Started()).claim("call").on(new RunEvent.ChildRunStarted("call", 1, "child-1"));
        assertThat(run.status("call")).isEqualTo(StepStatus.WAITING);
        run.on(new RunEvent.ChildRunFinished("call", "child-1", RunStatus.COMPLETED, Json.parse("{\"ok\": true}"), null));

        assertThat(run.state.status()).isEqualTo(RunStatus.COMPLETED);
    }

    @AfterAll
    static void everyCellOfBothTablesWasTaken() {
        Set<String> table = new TreeSet<>();
        Transitions.runTable().forEach((from, tos) ->
                tos.forEach(to -> table.add("run " + from.wire() + " -> " + to.wire())));
        Transitions.stepTable().forEach((from, tos) ->
                tos.forEach(to -> table.add("step " + from.wire() + " -> " + to.wire())));

        assertThat(TAKEN).as("transitions taken").isSubsetOf(table);
        assertThat(table.stream().filter(t -> !TAKEN.contains(t)).collect(Collectors.toList()))
                .as("cells of the transition tables that no scenario took").isEmpty();
    }
}
