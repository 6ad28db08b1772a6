package dev.weft.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.common.Json;
import dev.weft.common.Limits;
import dev.weft.definition.DefinitionParser;
import dev.weft.definition.WorkflowDefinition;
import dev.weft.engine.Decision.CancelRun;
import dev.weft.engine.Decision.CancelStep;
import dev.weft.engine.Decision.CompleteRun;
import dev.weft.engine.Decision.FailRun;
import dev.weft.engine.Decision.QueueStep;
import dev.weft.engine.Decision.RecordFailure;
import dev.weft.engine.Decision.RequeueInterrupted;
import dev.weft.engine.Decision.ResetStep;
import dev.weft.engine.Decision.ScheduleRetry;
import dev.weft.engine.Decision.SkipStep;
import dev.weft.expression.ExpressionEngine;
import dev.weft.expression.ExpressionLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The decider, exhaustively and without a database: a state and an event in, decisions out. */
class DeciderTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private static final ExpressionEngine EXPRESSIONS = new ExpressionEngine(ExpressionLimits.defaults());
    private static final DefinitionParser PARSER =
            new DefinitionParser(Set.of("transform", "delay", "wait_for_signal"), EXPRESSIONS, Limits.defaults());

    private final Decider decider = new Decider(EXPRESSIONS);

    @Test
    void startingARunQueuesOnlyTheStepsWithoutDependencies() {
        RunState run = pending(definition("""
                {"steps": [{"id": "a", "type": "transform"}, {"id": "b", "type": "transform", "dependsOn": []},
                           {"id": "c", "type": "transform", "dependsOn": ["a", "b"]}]}"""));

        List<Decision> decisions = decider.decide(run, new RunEvent.Started(), NOW);

        assertThat(decisions).containsExactly(new Decision.StartRun(), new QueueStep("a", NOW), new QueueStep("b", NOW));
    }

    @Test
    void aPlainListIsAPipelineAndParallelBranchesAreQueuedTogether() {
        WorkflowDefinition def = definition("""
                {"steps": [{"id": "root", "type": "transform"},
                           {"id": "left", "type": "transform", "dependsOn": ["root"]},
                           {"id": "right", "type": "transform", "dependsOn": ["root"]}]}""");
        RunState run = running(def, Map.of("root", StepStatus.RUNNING));

        List<Decision> decisions = decider.decide(run, succeeded("root", obj("{\"v\": 1}")), NOW);

        assertThat(decisions).contains(new QueueStep("left", NOW), new QueueStep("right", NOW));
    }

    @Test
    void aRetryableFailureSchedulesTheNextAttemptWithBackoff() {
        WorkflowDefinition def = definition("""
                {"steps": [{"id": "a", "type": "transform",
                            "retry": {"maxAttempts": 3, "initialDelay": "PT2S", "multiplier": 2.0, "jitter": 0}}]}""");
        RunState run = running(def, Map.of("a", StepStatus.RUNNING), Map.of("a", 2));

        List<Decision> decisions = decider.decide(run, failed("a", 2, StepError.retryable("PROVIDER_TIMEOUT", "slow")), NOW);

        assertThat(decisions).singleElement().isInstanceOfSatisfying(ScheduleRetry.class,
                r -> assertThat(r.at()).isEqualTo(NOW.plus(Duration.ofSeconds(4))));
    }

    @Test
    void aProviderRetryAfterHintLongerThanTheBackoffWins() {
        WorkflowDefinition def = definition("""
                {"steps": [{"id": "a", "type": "transform", "retry": {"maxAttempts": 2, "initialDelay": "PT1S", "jitter": 0}}]}""");
        RunState run = running(def, Map.of("a", StepStatus.RUNNING));

        List<Decision> decisions = decider.decide(run,
                new RunEvent.StepFailed("a", 1, StepError.retryable("RATE_LIMITED", "429"), 30_000L), NOW);

        assertThat(decisions).singleElement().isInstanceOfSatisfying(ScheduleRetry.class,
                r -> assertThat(r.at()).isEqualTo(NOW.plusSeconds(30)));
    }

    @Test
    void exhaustedRetriesFailTheStepAndTheRunWithTheStepsError() {
        WorkflowDefinition def = definition("""
                {"steps": [{"id": "a", "type": "transform", "retry": {"maxAttempts": 2}},
                           {"id": "b", "type": "transform"}]}""");
        RunState run = running(def, Map.of("a", StepStatus.RUNNING), Map.of("a", 2));

        List<Decision> decisions = decider.decide(run, failed("a", 2, StepError.retryable("UPSTREAM_5XX", "boom")), NOW);

        assertThat(decisions).first().isInstanceOf(RecordFailure.class);
        assertThat(decisions).contains(new CancelStep("b"));
        assertThat(decisions).last().isInstanceOfSatisfying(FailRun.class, f -> {
            assertThat(f.error().code()).isEqualTo("UPSTREAM_5XX");
            assertThat(f.error().message()).contains("step 'a' failed", "boom", "gave up after 2 attempts");
        });
    }

    @Test
    void aPermanentFailureIsNotRetried() {
        WorkflowDefinition def = definition("""
                {"steps": [{"id": "a", "type": "transform", "retry": {"maxAttempts": 5}}]}""");
        RunState run = running(def, Map.of("a", StepStatus.RUNNING));

        List<Decision> decisions = decider.decide(run, failed("a", 1, StepError.permanent("INVALID_STEP_INPUT", "bad")), NOW);

        assertThat(decisions).hasSize(2).first().isInstanceOf(RecordFailure.class);
        assertThat(decisions.get(1)).isInstanceOf(FailRun.class);
    }

    @Test
    void onErrorContinueLetsDependentsRunWithANullOutput() {
        WorkflowDefinition def = definition("""
                {"steps": [{"id": "a", "type": "transform", "onError": "continue", "retry": {"maxAttempts": 1}},
                           {"id": "b", "type": "transform", "input": {"seen": "{{ steps.a.output }}"}}]}""");
        RunState run = running(def, Map.of("a", StepStatus.RUNNING));

        List<Decision> decisions = decider.decide(run, failed("a", 1, StepError.permanent("X", "no")), NOW);

        assertThat(decisions).containsExactly(new RecordFailure("a", StepError.permanent("X", "no")), new QueueStep("b", NOW));
    }

    @Test
    void aFalseConditionSkipsTheStepAndEveryStepThatNeedsIt() {
        WorkflowDefinition def = definition("""
                {"steps": [{"id": "check", "type": "transform"},
                           {"id": "store", "type": "transform", "when": "steps.check.output.ok"},
                           {"id": "notify", "type": "transform"}],
                 "output": {"ok": "{{ steps.check.output.ok }}"}}""");
        RunState run = running(def, Map.of("check", StepStatus.RUNNING));

        List<Decision> decisions = decider.decide(run, succeeded("check", obj("{\"ok\": false}")), NOW);

        assertThat(decisions).filteredOn(SkipStep.class::isInstance).extracting(d -> ((SkipStep) d).stepId())
                .containsExactly("store", "notify");
        assertThat(decisions).last().isEqualTo(new CompleteRun(obj("{\"ok\": false}")));
    }

    @Test
    void aFallbackRunsWhenItsOwnerFailsAndItsOutputStandsIn() {
        WorkflowDefinition def = definition("""
                {"steps": [{"id": "primary", "type": "transform", "onError": {"fallback": "backup"}, "retry": {"maxAttempts": 1}},
                           {"id": "backup", "type": "transform", "input": {"why": "{{ steps.primary.error.code }}"}},
                           {"id": "use", "type": "transform", "dependsOn": ["primary"]}],
                 "output": {"result": "{{ steps.primary.output.v }}"}}""");
        assertThat(def.requireStep("backup").dependsOn()).isEmpty();
        assertThat(def.requireStep("use").dependsOn()).containsExactly("primary");
        RunState afterFailure = running(def, Map.of("primary", StepStatus.RUNNING));

        List<Decision> first = decider.decide(afterFailure, failed("primary", 1, StepError.permanent("DOWN", "down")), NOW);

        assertThat(first).containsExactly(new RecordFailure("primary", StepError.permanent("DOWN", "down")),
                new QueueStep("backup", NOW));

        Map<String, StepState> steps = new LinkedHashMap<>(afterFailure.steps());
        steps.put("primary", new StepState("primary", StepStatus.FAILED, 1, 0, null, StepError.permanent("DOWN", "down")));
        steps.put("backup", new StepState("backup", StepStatus.RUNNING, 1, 0, null, null));
        RunState fallbackRunning = withSteps(afterFailure, steps);

        List<Decision> second = decider.decide(fallbackRunning, succeeded("backup", obj("{\"v\": 7}")), NOW);

        assertThat(second).contains(new QueueStep("use", NOW));
    }

    @Test
    void aFallbackThatIsNotNeededIsSkipped() {
        WorkflowDefinition def = definition("""
                {"steps": [{"id": "primary", "type": "transform", "onError": {"fallback": "backup"}},
                           {"id": "backup", "type": "transform"}]}""");
        RunState run = running(def, Map.of("primary", StepStatus.RUNNING));

        List<Decision> decisions = decider.decide(run, succeeded("primary", obj("{\"v\": 1}")), NOW);

        assertThat(decisions).contains(new SkipStep("backup", "not needed: 'primary' did not fail"));
        assertThat(decisions).last().isEqualTo(new CompleteRun(obj("{\"primary\": {\"v\": 1}}")));
    }

    @Test
    void cancellingCancelsEveryOpenStepAndTheRun() {
        WorkflowDefinition def = definition("""
                {"steps": [{"id": "a", "type": "transform"}, {"id": "b", "type": "transform"}]}""");
        RunState run = running(def, Map.of("a", StepStatus.RUNNING));

        List<Decision> decisions = decider.decide(run, new RunEvent.CancelRequested(), NOW);

        assertThat(decisions).containsExactly(new CancelStep("a"), new CancelStep("b"), new CancelRun());
    }

    @Test
    void abortingCancelsEveryOpenStepAndFailsTheRunWithTheGivenError() {
        WorkflowDefinition def = definition("""
                {"steps": [{"id": "a", "type": "transform"}, {"id": "b", "type": "transform"}]}""");
        RunState run = running(def, Map.of("a", StepStatus.QUEUED));
        StepError error = StepError.permanent("DISPATCH_MESSAGE_INVALID", "unreadable");

        List<Decision> decisions = decider.decide(run, new RunEvent.Aborted(error), NOW);

        assertThat(decisions).containsExactly(new CancelStep("a"), new CancelStep("b"), new Decision.FailRun(error));
    }

    @Test
    void resumingResetsFailedAndCancelledStepsButKeepsCompletedOnes() {
        WorkflowDefinition def = definition("""
                {"steps": [{"id": "a", "type": "transform"}, {"id": "b", "type": "transform"}, {"id": "c", "type": "transform"}]}""");
        Map<String, StepState> steps = new LinkedHashMap<>();
        steps.put("a", new StepState("a", StepStatus.SUCCEEDED, 1, 0, obj("{\"v\": 1}"), null));
        steps.put("b", new StepState("b", StepStatus.FAILED, 3, 0, null, StepError.permanent("X", "x")));
        steps.put("c", new StepState("c", StepStatus.CANCELLED, 0, 0, null, null));
        RunState failed = new RunState("run-1", RunStatus.FAILED, def, obj("{}"), obj("{}"), steps, null);

        List<Decision> decisions = decider.decide(failed, new RunEvent.ResumeRequested(), NOW);

        assertThat(decisions).containsExactly(new Decision.ReopenRun(null), new ResetStep("b"), new ResetStep("c"),
                new QueueStep("b", NOW));
    }

    @Test
    void afterAResumeAttemptNumbersCarryOnAndTheRetryPolicyCountsFromTheReset() {
        WorkflowDefinition def = definition("""
                {"steps": [{"id": "a", "type": "transform", "retry": {"maxAttempts": 2, "initialDelay": "PT1S", "jitter": 0}}]}""");
        // failed for good at attempt 2, resumed (base 2), and attempt 3 fails in a way worth retrying
        RunState resumed = new RunState("run-1", RunStatus.RUNNING, def, obj("{}"), obj("{}"),
                Map.of("a", new StepState("a", StepStatus.RUNNING, 3, 0, null, null, null, null, 2)), null);

        List<Decision> decisions = decider.decide(resumed, new RunEvent.StepFailed("a", 3,
                StepError.retryable("SLOW", "slow"), null), NOW);

        assertThat(decisions).singleElement().isInstanceOf(Decision.ScheduleRetry.class);
        RunState again = new RunState("run-1", RunStatus.RUNNING, def, obj("{}"), obj("{}"),
                Map.of("a", new StepState("a", StepStatus.RUNNING, 4, 0, null, null, null, null, 2)), null);
        assertThat(decider.decide(again, new RunEvent.StepFailed("a", 4, StepError.retryable("SLOW", "slow"), null), NOW))
                .as("two attempts since the reset: given up").anySatisfy(d -> assertThat(d).isInstanceOf(Decision.FailRun.class));

        RunState failed = new RunState("run-1", RunStatus.FAILED, def, obj("{}"), obj("{}"),
                Map.of("a", new StepState("a", StepStatus.FAILED, 4, 0, null, StepError.permanent("X", "x"))), null);
        assertThat(decider.decide(failed, new RunEvent.ResumeRequested(), NOW)).contains(new ResetStep("a"));
    }

    @Test
    void resumingFromAStepRunsItAndEverythingAfterItAgainAndDropsItsItems() {
        WorkflowDefinition def = definition("""
                {"steps": [{"id": "a", "type": "transform"},
                           {"id": "b", "type": "transform", "forEach": "{{ [1, 2] }}", "input": {"v": "{{ item }}"}},
                           {"id": "c", "type": "transform", "dependsOn": []}]}""");
        Map<String, StepState> steps = new LinkedHashMap<>();
        steps.put("a", new StepState("a", StepStatus.SUCCEEDED, 1, 0, obj("{}"), null));
        steps.put("b", new StepState("b", StepStatus.SUCCEEDED, 0, 0, obj("[{}, {}]"), null));
        steps.put("b[0]", new StepState("b[0]", StepStatus.SUCCEEDED, 1, 0, obj("{}"), null, obj("1")));
        steps.put("b[1]", new StepState("b[1]", StepStatus.SUCCEEDED, 1, 0, obj("{}"), null, obj("2")));
        steps.put("c", new StepState("c", StepStatus.SUCCEEDED, 1, 0, obj("{}"), null));
        RunState completed = new RunState("run-1", RunStatus.COMPLETED, def, obj("{}"), obj("{}"), steps, null);

        List<Decision> decisions = decider.decide(completed, new RunEvent.ResumeRequested("b", obj("{\"from\": \"b\"}")), NOW);

        assertThat(decisions).containsExactly(new Decision.ReopenRun(null, obj("{\"from\": \"b\"}")), new ResetStep("b"),
                new Decision.DropItems("b", List.of("b[0]", "b[1]")), new Decision.ExpandItems("b",
                        List.of(obj("1"), obj("2"))), new QueueStep("b[0]", NOW), new QueueStep("b[1]", NOW));
        assertThat(decider.decide(completed, new RunEvent.ResumeRequested(), NOW)).as("completed, and no from").isEmpty();
    }

    @Test
    void resumingARunThatFailedOnItsTimeoutGivesItTheWholeTimeoutAgain() {
        WorkflowDefinition def = definition("""
                {"timeout": "PT10M", "steps": [{"id": "a", "type": "transform"}]}""");
        Map<String, StepState> steps = new LinkedHashMap<>();
        steps.put("a", new StepState("a", StepStatus.CANCELLED, 1, 0, null, null));
        RunState timedOut = new RunState("run-1", RunStatus.FAILED, def, obj("{}"), obj("{}"), steps,
                NOW.minus(java.time.Duration.ofMinutes(1)));

        List<Decision> decisions = decider.decide(timedOut, new RunEvent.ResumeRequested(), NOW);

        assertThat(decisions).startsWith(new Decision.ReopenRun(NOW.plus(java.time.Duration.ofMinutes(10))));
    }

    @Test
    void aResultForAnAttemptThatIsNoLongerRunningChangesNothing() {
        WorkflowDefinition def = definition("{\"steps\": [{\"id\": \"a\", \"type\": \"transform\"}]}");
        RunState run = running(def, Map.of("a", StepStatus.RUNNING), Map.of("a", 2));

        assertThat(decider.decide(run, new RunEvent.StepSucceeded("a", 1, obj("{}")), NOW)).isEmpty();
        RunState done = running(def, Map.of("a", StepStatus.SUCCEEDED));
        assertThat(decider.decide(done, succeeded("a", obj("{}")), NOW)).isEmpty();
    }

    @Test
    void anInterruptedExecutionIsRequeuedWithoutCountingTheAttemptUntilItHappensTooOften() {
        WorkflowDefinition def = definition("{\"steps\": [{\"id\": \"a\", \"type\": \"transform\"}]}");
        RunState run = running(def, Map.of("a", StepStatus.RUNNING));

        assertThat(decider.decide(run, new RunEvent.StepInterrupted("a", 1), NOW))
                .containsExactly(new RequeueInterrupted("a"));

        Map<String, StepState> steps = new LinkedHashMap<>(run.steps());
        steps.put("a", new StepState("a", StepStatus.RUNNING, 1, Decider.MAX_INTERRUPTIONS, null, null));
        List<Decision> tooMany = decider.decide(withSteps(run, steps), new RunEvent.StepInterrupted("a", 1), NOW);
        assertThat(tooMany).first().isInstanceOfSatisfying(RecordFailure.class,
                f -> assertThat(f.error().code()).isEqualTo("STEP_INTERRUPTED"));
        assertThat(tooMany).last().isInstanceOf(FailRun.class);
    }

    @Test
    void aRunPastItsDeadlineFailsWithRunTimeout() {
        WorkflowDefinition def = definition("{\"timeout\": \"PT1M\", \"steps\": [{\"id\": \"a\", \"type\": \"transform\"}]}");
        RunState run = running(def, Map.of("a", StepStatus.RUNNING));

        List<Decision> decisions = decider.decide(run, new RunEvent.DeadlineExceeded(), NOW);

        assertThat(decisions).containsExactly(new CancelStep("a"),
                new FailRun(StepError.permanent("RUN_TIMEOUT", "the run exceeded its timeout of PT1M")));
    }

    @Test
    void theOutputTemplateIsEvaluatedWhenTheLastStepSucceeds() {
        WorkflowDefinition def = definition("""
                {"steps": [{"id": "a", "type": "transform"}],
                 "output": {"greeting": "hello {{ input.name }}", "n": "{{ steps.a.output.n * 2 }}"}}""");
        RunState run = new RunState("run-1", RunStatus.RUNNING, def, obj("{\"name\": \"Ada\"}"), obj("{}"),
                Map.of("a", new StepState("a", StepStatus.RUNNING, 1, 0, null, null)), null);

        List<Decision> decisions = decider.decide(run, succeeded("a", obj("{\"n\": 21}")), NOW);

        assertThat(decisions).last().isEqualTo(new CompleteRun(obj("{\"greeting\": \"hello Ada\", \"n\": 42}")));
    }

    @Test
    void aDeferredStepGoesBackToTheQueueUntilItsTimeWithoutCountingAnAttempt() {
        WorkflowDefinition def = definition("{\"steps\": [{\"id\": \"wait\", \"type\": \"delay\"}]}");
        RunState run = running(def, Map.of("wait", StepStatus.RUNNING));
        Instant until = NOW.plusSeconds(60);

        assertThat(decider.decide(run, new RunEvent.StepDeferred("wait", 1, until), NOW))
                .containsExactly(new Decision.DeferStep("wait", until));
    }

    @Test
    void everyDecisionTheDeciderMakesIsAnAllowedTransition() {
        assertThat(Transitions.allowed(StepStatus.RUNNING, StepStatus.QUEUED)).isTrue();
        assertThat(Transitions.allowed(StepStatus.SUCCEEDED, StepStatus.RUNNING)).isFalse();
        assertThat(Transitions.allowed(RunStatus.CANCELLED, RunStatus.RUNNING)).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        Transitions.checkStep("run-9", "a", StepStatus.SUCCEEDED, StepStatus.QUEUED))
                .hasMessageContaining("run-9").hasMessageContaining("'a'").hasMessageContaining("succeeded -> queued");
    }

    @Test
    void aWaitForSignalStepWaitsWithoutAWorkerUntilItsTimeout() {
        WorkflowDefinition def = definition("""
                {"steps": [{"id": "approve", "type": "wait_for_signal", "input": {"signal": "approval", "timeout": "PT2H"}}]}""");

        List<Decision> decisions = decider.decide(pending(def), new RunEvent.Started(), NOW);

        assertThat(decisions).containsExactly(new Decision.StartRun(),
                new Decision.AwaitSignal("approve", "approval", NOW.plus(Duration.ofHours(2))));
    }

    @Test
    void aSignalSentBeforeTheStepWaitsIsTakenAsSoonAsItDoesAndNeverTwice() {
        WorkflowDefinition def = definition("""
                {"steps": [{"id": "first", "type": "wait_for_signal", "input": {"signal": "go"}},
                           {"id": "second", "type": "wait_for_signal", "dependsOn": [], "input": {"signal": "go"}}]}""");
        RunState pending = pending(def);
        RunState withSignal = new RunState(pending.runId(), pending.status(), def, pending.input(), pending.meta(),
                pending.steps(), null, List.of(new RunState.Signal(7, "go", obj("{\"by\": \"ada\"}"))));

        List<Decision> decisions = decider.decide(withSignal, new RunEvent.Started(), NOW);

        assertThat(decisions).containsSubsequence(new Decision.AwaitSignal("first", "go", NOW.plus(Duration.ofHours(24))),
                new Decision.ConsumeSignal(7, "first"), new Decision.RecordSuccess("first", obj("{\"by\": \"ada\"}")));
        assertThat(decisions).filteredOn(d -> d instanceof Decision.ConsumeSignal).hasSize(1);
        assertThat(decisions).contains(new Decision.AwaitSignal("second", "go", NOW.plus(Duration.ofHours(24))));
    }

    @Test
    void aSignalCompletesTheWaitingStepOfItsNameAndASignalNobodyWaitsOnChangesNothing() {
        WorkflowDefinition def = definition("""
                {"steps": [{"id": "approve", "type": "wait_for_signal", "input": {"signal": "approval"}},
                           {"id": "after", "type": "transform", "input": {"ok": "{{ steps.approve.output.ok }}"}}]}""");
        RunState waiting = running(def, Map.of("approve", StepStatus.WAITING), Map.of("approve", 0));

        List<Decision> taken = decider.decide(waiting, new RunEvent.SignalReceived(3, "approval", obj("{\"ok\": true}")), NOW);
        List<Decision> ignored = decider.decide(waiting, new RunEvent.SignalReceived(4, "other", obj("{}")), NOW);
        List<Decision> timedOut = decider.decide(waiting, new RunEvent.WaitTimedOut("approve"), NOW);

        assertThat(taken).containsExactly(new Decision.ConsumeSignal(3, "approve"),
                new Decision.RecordSuccess("approve", obj("{\"ok\": true}")), new QueueStep("after", NOW));
        assertThat(ignored).isEmpty();
        assertThat(timedOut).first().isInstanceOfSatisfying(RecordFailure.class,
                f -> assertThat(f.error().code()).isEqualTo("SIGNAL_TIMEOUT"));
    }

    private static WorkflowDefinition definition(String json) {
        return PARSER.parse(Json.parse(json), false);
    }

    private static RunState pending(WorkflowDefinition def) {
        Map<String, StepState> steps = new LinkedHashMap<>();
        def.steps().forEach(s -> steps.put(s.id(), StepState.pending(s.id())));
        return new RunState("run-1", RunStatus.PENDING, def, obj("{}"), obj("{}"), steps, null);
    }

    private static RunState running(WorkflowDefinition def, Map<String, StepStatus> statuses) {
        return running(def, statuses, Map.of());
    }

    private static RunState running(WorkflowDefinition def, Map<String, StepStatus> statuses, Map<String, Integer> attempts) {
        Map<String, StepState> steps = new LinkedHashMap<>();
        def.steps().forEach(s -> {
            StepStatus status = statuses.getOrDefault(s.id(), StepStatus.PENDING);
            int attempt = attempts.getOrDefault(s.id(), status == StepStatus.PENDING ? 0 : 1);
            steps.put(s.id(), new StepState(s.id(), status, attempt, 0, null, null));
        });
        return new RunState("run-1", RunStatus.RUNNING, def, obj("{}"), obj("{}"), steps, null);
    }

    private static RunState withSteps(RunState run, Map<String, StepState> steps) {
        return new RunState(run.runId(), run.status(), run.definition(), run.input(), run.meta(), steps, run.deadline());
    }

    private static RunEvent succeeded(String step, JsonNode output) {
        return new RunEvent.StepSucceeded(step, 1, output);
    }

    private static RunEvent failed(String step, int attempt, StepError error) {
        return new RunEvent.StepFailed(step, attempt, error, null);
    }

    private static JsonNode obj(String json) {
        return Json.parse(json);
    }
}
