package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What an outside probe of the running service found, each as a regression test: expressions that
 * try to fill memory, failures outside a handler, and errors in a handler all end the step at
 * once with a code, never by a lease running out.
 */
abstract class HardeningTest extends ApiTestBase {

    @Test
    void anExpressionThatBuildsAHugeStringFailsTheStepAtOnceWithTheLimitCode() {
        String numbers = "0,".repeat(10_000) + "0";
        String runId = start("""
                {"plan": {"steps": [{"id": "blow", "type": "transform",
                  "input": {"text": "{{ input.a.map(i, input.s).join('') }}"}}]},
                 "input": {"a": [%s], "s": "%s"}}""".formatted(numbers, "x".repeat(40_000)));

        JsonNode run = awaitStatus(runId, "failed");

        assertThat(step(run, "blow").at("/error/code").asString()).isEqualTo("EXPRESSION_LIMIT");
        assertThat(step(run, "blow").get("attempts").asInt()).isEqualTo(1);
        assertThat(run.at("/error/code").asString()).isEqualTo("EXPRESSION_LIMIT");
    }

    @Test
    void aConditionOrOutputThatBreaksALimitFailsTheRunAtOnce() {
        String condition = start("""
                {"plan": {"steps": [{"id": "a", "type": "transform",
                  "when": "input.s.size() > 0 && [input.s, input.s, input.s].map(x, x + x + x + x).join('').size() > 0"}]},
                 "input": {"s": "%s"}}""".formatted("x".repeat(400_000)));
        String output = start("""
                {"plan": {"steps": [{"id": "a", "type": "transform"}],
                  "output": {"all": "{{ [1,2,3,4,5,6,7,8,9,10].map(i, input.s).join('-') }}"}},
                 "input": {"s": "%s"}}""".formatted("x".repeat(500_000)));

        assertThat(step(awaitStatus(condition, "failed"), "a").at("/error/code").asString()).isEqualTo("EXPRESSION_LIMIT");
        assertThat(awaitStatus(output, "failed").at("/error/code").asString()).isEqualTo("EXPRESSION_LIMIT");
    }

    @Test
    void anErrorThrownByAStepFailsItAtOnceWithoutTheJavaTypeAndIsNotRunAgain() {
        String key = "crash-" + System.nanoTime();
        String runId = start("""
                {"plan": {"steps": [{"id": "crash", "type": "test_crash", "retry": {"maxAttempts": 3, "initialDelay": "PT0.01S"},
                  "input": {"key": "%s"}}]}}""".formatted(key));

        JsonNode run = awaitStatus(runId, "failed");

        JsonNode error = step(run, "crash").get("error");
        assertThat(error.get("code").asString()).isEqualTo("STEP_CRASHED");
        assertThat(error.get("message").asString()).contains("ran out of memory").doesNotContain("Error")
                .doesNotContain("java.");
        assertThat(step(run, "crash").get("attempts").asInt()).isEqualTo(1);
        assertThat(TestSteps.EXECUTIONS.get(key)).hasValue(1);
    }
}
