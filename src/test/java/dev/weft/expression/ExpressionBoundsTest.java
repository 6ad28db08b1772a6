package dev.weft.expression;

import static dev.weft.expression.Json.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Expressions cannot fill memory or escape their caller's handling: every value they build is
 * measured against the size limit (here 100,000 characters), joins are sized before they are made,
 * and whatever goes wrong comes out as an {@link ExpressionException} with a code.
 */
class ExpressionBoundsTest {

    private static final long LIMIT = 100_000;
    private final ExpressionEngine engine = new ExpressionEngine(new ExpressionLimits(1024, 10_000, LIMIT));
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** {@code a}: 10,000 numbers; {@code s}: a 1,000-character string. A 61 KB body, as in the probe. */
    private static EvaluationContext amplifiable() {
        ArrayNode a = NODES.arrayNode();
        for (int i = 0; i < 10_000; i++) {
            a.add(i % 10);
        }
        ObjectNode input = NODES.objectNode();
        input.set("a", a);
        input.put("s", "x".repeat(1_000));
        input.put("big", "y".repeat(500_000));
        return new EvaluationContext(input, json("{}"), json("{'id': 'run-1'}"));
    }

    private ExpressionException failure(String template, EvaluationContext ctx) {
        return catchThrowableOfType(ExpressionException.class, () -> engine.render(NODES.stringNode(template), ctx));
    }

    @Test
    void aMapThatRepeatsAStringIntoAHugeJoinFailsWithTheLimitCode() {
        ExpressionException e = failure("{{ input.a.map(i, input.s).join('') }}", amplifiable());

        assertThat(e.code()).isEqualTo(ExpressionException.LIMIT);
        assertThat(e.limitExceeded()).isTrue();
        assertThat(e.getMessage()).contains("larger than the limit of 100000");
    }

    @Test
    void aJoinWhoseSeparatorWouldMultiplyPastTheLimitIsRefusedBeforeItIsBuilt() {
        ExpressionException e = failure("{{ ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].map(x, x).join("
                + "input.s + input.s + input.s + input.s + input.s + input.s + input.s + input.s + input.s + input.s"
                + " + input.s + input.s) }}", amplifiable());

        assertThat(e.code()).isEqualTo(ExpressionException.LIMIT);
        assertThat(e.getMessage()).contains("join would build");
    }

    @Test
    void concatenationInsideAComprehensionStopsAtTheLimit() {
        ExpressionException e = failure("{{ input.a.map(i, input.s + input.s) }}", amplifiable());

        assertThat(e.code()).isEqualTo(ExpressionException.LIMIT);
    }

    @Test
    void aValueNestedDeeperThanStoresAcceptIsRefused() {
        String nested = "[".repeat(70) + "1" + "]".repeat(70);

        ExpressionException e = failure("{{ " + nested + " }}", amplifiable());

        assertThat(e.code()).isEqualTo(ExpressionException.LIMIT);
        assertThat(e.getMessage()).contains("nested more than 64 levels");
    }

    @Test
    void theIterationLimitIsALimitFailureToo() {
        EvaluationContext ctx = amplifiable();

        ExpressionException e = failure("{{ input.a.map(i, input.a.map(j, j)).size() }}", ctx);

        assertThat(e.code()).isEqualTo(ExpressionException.LIMIT);
    }

    @Test
    void readingALargeStoredValueIsNotBuildingOne() {
        // The input is bounded where it was accepted; reading it must not count against the limit.
        JsonNode rendered = engine.render(json("{'text': '{{ input.big }}', 'n': '{{ size(input.big) }}'}"), amplifiable());

        assertThat(rendered.get("text").asString()).hasSize(500_000);
        assertThat(rendered.get("n").asInt()).isEqualTo(500_000);
    }

    @Test
    void valuesWithinTheLimitAreBuiltAsBefore() {
        JsonNode rendered = engine.render(NODES.stringNode("{{ input.a.map(i, string(i)).join(',').size() }}"),
                amplifiable());

        assertThat(rendered.asInt()).isEqualTo(19_999);
    }

    @Test
    void aNumberTooLargeForAnExpressionFailsNamingItsPathInsteadOfEscapingAsAnotherException() {
        JsonNode input = json("{'ok': 1, 'deep': {'list': [0, " + "9".repeat(401) + "]}, 'wide': 123456789012345678901234567890}");
        EvaluationContext ctx = new EvaluationContext(input, json("{}"), json("{'id': 'run-1'}"));

        ExpressionException e = catchThrowableOfType(ExpressionException.class,
                () -> engine.render(NODES.stringNode("{{ input.ok }}"), ctx));
        ExpressionException condition = catchThrowableOfType(ExpressionException.class,
                () -> engine.test("input.ok == 1", ctx));

        assertThat(e.getMessage()).contains("input.deep.list[1]").contains("401 digits").doesNotContain("Exception");
        assertThat(e.code()).isEqualTo(ExpressionException.FAILED);
        assertThat(condition.getMessage()).contains("input.deep.list[1]");
    }

    @Test
    void anIntegerBeyondSixtyFourBitsIsReadAsADouble() {
        JsonNode input = json("{'wide': 123456789012345678901234567890}");
        EvaluationContext ctx = new EvaluationContext(input, json("{}"), json("{'id': 'run-1'}"));

        JsonNode rendered = engine.render(NODES.stringNode("{{ input.wide > 1e29 }}"), ctx);

        assertThat(rendered.asBoolean()).isTrue();
    }
}
