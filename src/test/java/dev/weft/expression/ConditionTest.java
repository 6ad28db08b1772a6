package dev.weft.expression;

import static dev.weft.expression.Json.context;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConditionTest {

    private final ExpressionEngine engine = new ExpressionEngine(ExpressionLimits.defaults());

    private final EvaluationContext ctx = context("{'count': 3}",
            "{'safety': {'status': 'SUCCEEDED', 'output': {'flagged': false, 'score': 0.2}}}");

    @Test
    void aTrueConditionPasses() {
        assertThat(engine.test("!steps.safety.output.flagged", ctx)).isTrue();
        assertThat(engine.test("{{ steps.safety.output.score < 0.5 && input.count == 3 }}", ctx)).isTrue();
    }

    @Test
    void aFalseConditionFails() {
        assertThat(engine.test("steps.safety.output.flagged", ctx)).isFalse();
        assertThat(engine.test("has(input.size) && input.size == 'big'", ctx)).isFalse();
    }

    @Test
    void aConditionThatIsNotBooleanAtRuntimeIsAnError() {
        assertThatThrownBy(() -> engine.test("input.count", ctx))
                .isInstanceOf(ExpressionException.class)
                .hasMessage("condition must evaluate to a boolean, got int 3");
        assertThatThrownBy(() -> engine.test("input.missing", ctx))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("got null");
    }

    @Test
    void aConditionTheCheckerKnowsIsNotBooleanIsAProblem() {
        assertThat(engine.checkCondition("\"abc\"")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("must evaluate to a boolean").contains("string"));
        assertThat(engine.checkCondition("1 + 1")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("int"));
    }

    @Test
    void aWellFormedConditionHasNoProblems() {
        assertThat(engine.checkCondition("!steps.safety.output.flagged")).isEmpty();
        assertThat(engine.checkCondition("{{ input.count > 2 }}")).isEmpty();
    }

    @Test
    void aMalformedOrEmptyConditionIsAProblem() {
        assertThat(engine.checkCondition("input.count >")).singleElement()
                .satisfies(p -> assertThat(p.path()).isEmpty());
        assertThat(engine.checkCondition("  ")).singleElement()
                .satisfies(p -> assertThat(p.message()).isEqualTo("empty condition"));
        assertThat(engine.checkCondition("{{ a }} and {{ b }}")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("one expression"));
    }

    @Test
    void referencedStepsOfAConditionComeFromItsSyntaxTree() {
        assertThat(engine.referencedSteps("!steps.safety.output.flagged && steps['tags'].status == 'steps.fake'"))
                .containsExactlyInAnyOrder("safety", "tags");
    }
}
