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
import org.junit.jupiter.api.Test;

/** A {@code workflow} step in the decider: it waits for its child run without a worker and ends as the child does. */
class ChildRunDeciderTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final ExpressionEngine EXPRESSIONS = new ExpressionEngine(ExpressionLimits.defaults());
    private static final DefinitionParser PARSER =
            new DefinitionParser(Set.of("transform", "workflow"), EXPRESSIONS, Limits.defaults());

    private final Decider decider = new Decider(EXPRESSIONS);

    private static final String CALL = """
            {"steps": [{"id": "call", "type": "workflow", "input": {"workflowSlug": "child"}},
                       {"id": "after", "type": "transform", "input": {"got": "{{ steps.call.output }}"}}]}""";

    @Test
    void theStepWaitsForItsChildAndCompletesWithTheChildsOutput() {
        RunState run = waiting(CALL);
        assertThat(run.step("call").status()).isEqualTo(StepStatus.WAITING);
        assertThat(run.step("call").childRunId()).isEqualTo("child-1");

        run = apply(run, new RunEvent.ChildRunFinished("call", "child-1", RunStatus.COMPLETED,
                Json.parse("{\"caption\": \"a cat\"}"), null));

        assertThat(run.step("call").status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(run.step("call").output()).isEqualTo(Json.parse("{\"caption\": \"a cat\"}"));
        assertThat(run.step("after").status()).isEqualTo(StepStatus.QUEUED);
    }

    @Test
    void aFailedChildFailsTheStepWithItsErrorAndACancelledOneWithChildRunCancelled() {
        RunState failed = apply(waiting(CALL), new RunEvent.ChildRunFinished("call", "child-1", RunStatus.FAILED, null,
                StepError.permanent("PROVIDER_REFUSED", "the prompt was refused")));
        RunState cancelled = apply(waiting(CALL), new RunEvent.ChildRunFinished("call", "child-1", RunStatus.CANCELLED,
                null, null));

        assertThat(failed.step("call").error().code()).isEqualTo("PROVIDER_REFUSED");
        assertThat(failed.step("call").error().message()).contains("run child-1 failed", "the prompt was refused");
        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(cancelled.step("call").error().code()).isEqualTo("CHILD_RUN_CANCELLED");
    }

    @Test
    void newsOfAnotherChildOrOfAChildStillRunningChangesNothing() {
        RunState run = waiting(CALL);

        assertThat(decider.decide(run, new RunEvent.ChildRunFinished("call", "child-0", RunStatus.COMPLETED,
                Json.object(), null), NOW)).isEmpty();
        assertThat(decider.decide(run, new RunEvent.ChildRunFinished("call", "child-1", RunStatus.RUNNING,
                null, null), NOW)).isEmpty();
        assertThat(decider.decide(run, new RunEvent.ChildRunStarted("call", 1, "child-2"), NOW))
                .as("the attempt no longer runs").isEmpty();
    }

    @Test
    void cancellingTheRunCancelsTheWaitingStep() {
        List<Decision> decisions = decider.decide(waiting(CALL), new RunEvent.CancelRequested(), NOW);

        assertThat(decisions).contains(new Decision.CancelStep("call"));
    }

    @Test
    void itemsWaitingForTheirChildrenCountAgainstMaxConcurrency() {
        RunState run = start("""
                {"steps": [{"id": "each", "type": "workflow", "forEach": "{{ [1, 2, 3] }}", "maxConcurrency": 2,
                            "input": {"workflowSlug": "child", "input": {"n": "{{ item }}"}}}]}""");
        run = Projection.claim(run, "each[0]");
        run = apply(run, new RunEvent.ChildRunStarted("each[0]", 1, "c0"));

        assertThat(run.step("each[0]").status()).isEqualTo(StepStatus.WAITING);
        assertThat(run.step("each[2]").status()).as("two items are open already").isEqualTo(StepStatus.PENDING);

        run = apply(run, new RunEvent.ChildRunFinished("each[0]", "c0", RunStatus.COMPLETED, Json.parse("1"), null));
        assertThat(run.step("each[2]").status()).isEqualTo(StepStatus.QUEUED);
    }

    private RunState waiting(String json) {
        RunState run = Projection.claim(start(json), "call");
        return apply(run, new RunEvent.ChildRunStarted("call", 1, "child-1"));
    }

    private RunState start(String json) {
        WorkflowDefinition def = PARSER.parse(Json.parse(json), false);
        Map<String, StepState> steps = new LinkedHashMap<>();
        def.steps().forEach(s -> steps.put(s.id(), StepState.pending(s.id())));
        RunState run = new RunState("run-1", RunStatus.PENDING, def, Json.object(), Json.object(), steps, null);
        return apply(run, new RunEvent.Started());
    }

    private RunState apply(RunState run, RunEvent event) {
        return Projection.apply(run, decider.decide(run, event, NOW));
    }
}
