package dev.weft.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.common.Json;
import dev.weft.common.Limits;
import dev.weft.definition.DefinitionParser;
import dev.weft.definition.WorkflowDefinition;
import dev.weft.expression.EvaluationContext;
import dev.weft.expression.ExpressionEngine;
import dev.weft.expression.ExpressionLimits;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Fan-out in the decider, walked through whole runs with the pure {@link Projection} standing in
 * for the store: a {@code forEach} step's items are steps of their own, its output their outputs.
 */
class FanOutDeciderTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final ExpressionEngine EXPRESSIONS = new ExpressionEngine(ExpressionLimits.defaults());
    private static final DefinitionParser PARSER =
            new DefinitionParser(Set.of("transform"), EXPRESSIONS, Limits.defaults());

    private final Decider decider = new Decider(EXPRESSIONS, 5);

    private static final String CAPTION = """
            {"steps": [{"id": "caption", "type": "transform", "forEach": "{{ input.images }}",
                        "input": {"image": "{{ item }}", "n": "{{ index }}"}, "maxConcurrency": 2%s},
                       {"id": "report", "type": "transform", "input": {"all": "{{ steps.caption.output }}"}}]}""";

    @Test
    void theItemsRunAtMostMaxConcurrencyAtATimeAndTheOutputIsTheirsInListOrder() {
        RunState run = start(CAPTION.formatted(""), "{\"images\": [\"a.png\", \"b.png\", \"c.png\"]}");

        assertThat(run.step("caption").status()).isEqualTo(StepStatus.RUNNING);
        assertThat(statuses(run, "caption")).containsExactly(StepStatus.QUEUED, StepStatus.QUEUED, StepStatus.PENDING);
        assertThat(run.step("caption[2]").item()).isEqualTo(Json.text("c.png"));

        run = succeed(run, "caption[1]", "{\"caption\": \"B\"}");
        assertThat(statuses(run, "caption")).containsExactly(StepStatus.QUEUED, StepStatus.SUCCEEDED, StepStatus.QUEUED);
        run = succeed(run, "caption[2]", "{\"caption\": \"C\"}");
        assertThat(run.step("caption").status()).isEqualTo(StepStatus.RUNNING);
        run = succeed(run, "caption[0]", "{\"caption\": \"A\"}");

        assertThat(run.step("caption").status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(run.step("caption").output()).isEqualTo(
                Json.parse("[{\"caption\": \"A\"}, {\"caption\": \"B\"}, {\"caption\": \"C\"}]"));
        assertThat(run.step("report").status()).isEqualTo(StepStatus.QUEUED);
    }

    @Test
    void anItemSeesItsItemAndIndexAndTheRunAsEveryStepDoes() {
        RunState run = start(CAPTION.formatted(""), "{\"images\": [\"a.png\", \"b.png\"]}");
        StepState item = run.step("caption[1]");

        EvaluationContext scope = ExpressionScope.of(run, run.steps()).forItem(item.item(), FanOut.indexOf(item.id()));
        JsonNode input = EXPRESSIONS.render(run.definition().requireStep("caption").input(), scope);

        assertThat(input).isEqualTo(Json.parse("{\"image\": \"b.png\", \"n\": 1}"));
    }

    @Test
    void aFailedItemFailsTheStepAndCancelsTheOthersUnderTheDefaultPolicy() {
        RunState run = start(CAPTION.formatted(""), "{\"images\": [\"a\", \"b\", \"c\"]}");
        run = claim(run, "caption[0]");
        run = claim(run, "caption[1]");

        List<Decision> decisions = decider.decide(run, new RunEvent.StepFailed("caption[1]", 1,
                StepError.permanent("UNSUPPORTED_IMAGE", "not an image"), null), NOW);
        run = Projection.apply(run, decisions);

        assertThat(decisions).contains(new Decision.CancelStep("caption[0]"), new Decision.CancelStep("caption[2]"));
        assertThat(run.step("caption").status()).isEqualTo(StepStatus.FAILED);
        assertThat(run.step("caption").error().code()).isEqualTo("UNSUPPORTED_IMAGE");
        assertThat(run.step("caption").error().message()).contains("item 1 of 3 failed", "not an image");
        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    }

    @Test
    void withContinueAFailedItemLeavesANullEntryAndTheOthersGoOn() {
        RunState run = start(CAPTION.formatted(", \"onItemError\": \"continue\""), "{\"images\": [\"a\", \"b\"]}");
        run = claim(run, "caption[0]");
        run = Projection.apply(run, decider.decide(run, new RunEvent.StepFailed("caption[0]", 1,
                StepError.permanent("UNSUPPORTED_IMAGE", "not an image"), null), NOW));
        assertThat(run.step("caption").status()).isEqualTo(StepStatus.RUNNING);

        run = succeed(run, "caption[1]", "{\"caption\": \"B\"}");

        assertThat(run.step("caption").status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(run.step("caption").output()).isEqualTo(Json.parse("[null, {\"caption\": \"B\"}]"));
        assertThat(run.step("caption[0]").error().code()).isEqualTo("UNSUPPORTED_IMAGE");
    }

    @Test
    void anItemRetriesOnItsOwnWithTheStepsPolicy() {
        RunState run = start(CAPTION.formatted(", \"retry\": {\"maxAttempts\": 2, \"jitter\": 0}"), "{\"images\": [\"a\"]}");
        run = claim(run, "caption[0]");

        List<Decision> decisions = decider.decide(run, new RunEvent.StepFailed("caption[0]", 1,
                StepError.retryable("PROVIDER_TIMEOUT", "slow"), null), NOW);

        assertThat(decisions).singleElement().isInstanceOfSatisfying(Decision.ScheduleRetry.class,
                r -> assertThat(r.stepId()).isEqualTo("caption[0]"));
        run = Projection.apply(run, decisions);
        assertThat(run.step("caption[0]").status()).isEqualTo(StepStatus.QUEUED);
        assertThat(run.step("caption[0]").attempt()).isEqualTo(1);
    }

    @Test
    void resumeRunsOnlyTheItemsThatDidNotSucceed() {
        RunState run = start(CAPTION.formatted(""), "{\"images\": [\"a\", \"b\", \"c\"]}");
        run = succeed(run, "caption[0]", "{\"caption\": \"A\"}");
        run = claim(run, "caption[1]");
        run = Projection.apply(run, decider.decide(run, new RunEvent.StepFailed("caption[1]", 1,
                StepError.permanent("UNSUPPORTED_IMAGE", "no"), null), NOW));
        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(statuses(run, "caption")).containsExactly(StepStatus.SUCCEEDED, StepStatus.FAILED, StepStatus.CANCELLED);

        List<Decision> decisions = decider.decide(run, new RunEvent.ResumeRequested(), NOW);
        run = Projection.apply(run, decisions);

        assertThat(decisions).doesNotContain(new Decision.ResetStep("caption[0]"));
        assertThat(decisions).contains(new Decision.ExpandItems("caption", List.of()));
        assertThat(statuses(run, "caption")).containsExactly(StepStatus.SUCCEEDED, StepStatus.QUEUED, StepStatus.QUEUED);
        assertThat(run.step("caption[2]").item()).isEqualTo(Json.text("c"));
        run = succeed(run, "caption[1]", "{\"caption\": \"B\"}");
        run = succeed(run, "caption[2]", "{\"caption\": \"C\"}");
        assertThat(run.step("caption").output()).isEqualTo(
                Json.parse("[{\"caption\": \"A\"}, {\"caption\": \"B\"}, {\"caption\": \"C\"}]"));
    }

    @Test
    void anEmptyListSucceedsAtOnceWithAnEmptyOutput() {
        RunState run = start(CAPTION.formatted(""), "{\"images\": []}");

        assertThat(run.step("caption").status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(run.step("caption").output()).isEqualTo(Json.array());
        assertThat(run.step("report").status()).isEqualTo(StepStatus.QUEUED);
    }

    @Test
    void aValueThatIsNotAListFailsTheStepWithAClearCode() {
        RunState run = start(CAPTION.formatted(""), "{\"images\": {\"a\": 1}}");

        assertThat(run.step("caption").status()).isEqualTo(StepStatus.FAILED);
        assertThat(run.step("caption").error().code()).isEqualTo("FOREACH_NOT_A_LIST");
        assertThat(run.step("caption").error().message()).contains("gave an object, not a list");
    }

    @Test
    void moreItemsThanTheLimitFailTheStepBeforeAnyRuns() {
        RunState run = start(CAPTION.formatted(""), "{\"images\": [1, 2, 3, 4, 5, 6]}");

        assertThat(run.step("caption").error().code()).isEqualTo("FOREACH_TOO_MANY_ITEMS");
        assertThat(run.step("caption").error().message()).contains("6 items", "at most 5", "weft.limits.max-items");
        assertThat(run.steps().keySet()).noneMatch(FanOut::isItem);
    }

    @Test
    void cancellingTheRunCancelsEveryOpenItem() {
        RunState run = start(CAPTION.formatted(""), "{\"images\": [\"a\", \"b\", \"c\"]}");
        run = claim(run, "caption[0]");

        run = Projection.apply(run, decider.decide(run, new RunEvent.CancelRequested(), NOW));

        assertThat(statuses(run, "caption")).containsOnly(StepStatus.CANCELLED);
        assertThat(run.step("caption").status()).isEqualTo(StepStatus.CANCELLED);
        assertThat(run.status()).isEqualTo(RunStatus.CANCELLED);
    }

    @Test
    void anItemInterruptedTooOftenFailsLikeAStep() {
        RunState run = start(CAPTION.formatted(""), "{\"images\": [\"a\"]}");
        for (int i = 0; i < Decider.MAX_INTERRUPTIONS; i++) {
            run = claim(run, "caption[0]");
            run = Projection.apply(run, decider.decide(run,
                    new RunEvent.StepInterrupted("caption[0]", run.step("caption[0]").attempt()), NOW));
        }
        run = claim(run, "caption[0]");
        run = Projection.apply(run, decider.decide(run,
                new RunEvent.StepInterrupted("caption[0]", run.step("caption[0]").attempt()), NOW));

        assertThat(run.step("caption[0]").error().code()).isEqualTo("STEP_INTERRUPTED");
        assertThat(run.step("caption").status()).isEqualTo(StepStatus.FAILED);
    }

    @Test
    void aResultForAnItemNoLongerRunningIsIgnored() {
        RunState run = start(CAPTION.formatted(""), "{\"images\": [\"a\"]}");

        assertThat(decider.decide(run, new RunEvent.StepSucceeded("caption[0]", 1, Json.object()), NOW)).isEmpty();
        assertThat(decider.decide(run, new RunEvent.StepSucceeded("caption[7]", 1, Json.object()), NOW)).isEmpty();
    }

    private RunState start(String definitionJson, String input) {
        WorkflowDefinition def = PARSER.parse(Json.parse(definitionJson), false);
        Map<String, StepState> steps = new LinkedHashMap<>();
        def.steps().forEach(s -> steps.put(s.id(), StepState.pending(s.id())));
        RunState run = new RunState("run-1", RunStatus.PENDING, def, Json.parse(input), Json.object(), steps, null);
        return Projection.apply(run, decider.decide(run, new RunEvent.Started(), NOW));
    }

    private static RunState claim(RunState run, String id) {
        return Projection.claim(run, id);
    }

    private RunState succeed(RunState run, String id, String output) {
        RunState claimed = claim(run, id);
        return Projection.apply(claimed, decider.decide(claimed,
                new RunEvent.StepSucceeded(id, claimed.step(id).attempt(), Json.parse(output)), NOW));
    }

    private static List<StepStatus> statuses(RunState run, String stepId) {
        return FanOut.items(run.steps(), stepId).stream().map(StepState::status).toList();
    }
}
