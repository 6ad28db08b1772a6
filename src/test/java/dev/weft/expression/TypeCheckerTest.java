package dev.weft.expression;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** CEL's checker over types built from JSON Schemas: what is wrong is found, what may be right passes. */
class TypeCheckerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final ExpressionEngine engine = new ExpressionEngine(ExpressionLimits.defaults());

    private static JsonNode json(String text) {
        return JSON.readTree(text.replace('\'', '"'));
    }

    private final TypeChecker checker = engine.typeChecker(
            json("{'type': 'object', 'properties': {'prompt': {'type': 'string'}, 'n': {'type': 'integer'},"
                    + " 'tags': {'type': 'array', 'items': {'type': 'string'}}, 'meta': {'type': 'object'}}}"),
            List.of(new TypeChecker.StepShape("write", json("{'type': 'object', 'properties': {'text': {'type': 'string'},"
                    + " 'usage': {'type': 'object', 'properties': {'inputTokens': {'type': 'integer'}, 'costUsd': {'type': 'number'}}}}}"), false),
                    new TypeChecker.StepShape("each", json("{'type': 'object', 'properties': {'caption': {'type': 'string'}}}"), true)));

    private List<TypeChecker.TypeProblem> check(String expression) {
        return checker.checkTemplate(JSON.getNodeFactory().stringNode("{{ " + expression + " }}"));
    }

    @Test
    void aFieldNoSchemaDeclaresIsAnUnknownFieldWithTheNearestSuggested() {
        assertThat(check("steps.write.text")).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo("UNKNOWN_EXPRESSION_FIELD");
            assertThat(p.suggestion()).isEqualTo("steps.write.output.text");
            assertThat(p.message()).contains("steps.write has no field 'text'", "did you mean steps.write.output.text?");
        });
        assertThat(check("steps.write.output.txt")).singleElement()
                .satisfies(p -> assertThat(p.suggestion()).isEqualTo("steps.write.output.text"));
        assertThat(check("input.promt")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("the workflow's inputSchema has no field 'promt'"));
        assertThat(check("steps.each.output.map(o, o.captoin)")).singleElement()
                .satisfies(p -> assertThat(p.suggestion()).isEqualTo("steps.each.output[].caption"));
        assertThat(check("has(steps.write.output.usage.tokens)")).singleElement()
                .satisfies(p -> assertThat(p.code()).isEqualTo("UNKNOWN_EXPRESSION_FIELD"));
    }

    @Test
    void aValueUsedAsTheWrongTypeIsAMismatch() {
        assertThat(check("steps.write.output.usage.inputTokens + 'a'")).singleElement()
                .satisfies(p -> assertThat(p.code()).isEqualTo("EXPRESSION_TYPE_MISMATCH"));
        assertThat(check("input.tags + 1")).singleElement()
                .satisfies(p -> assertThat(p.code()).isEqualTo("EXPRESSION_TYPE_MISMATCH"));
    }

    @Test
    void whatMayBeRightPasses() {
        for (String ok : List.of("input.prompt", "input.prompt != null", "input.prompt == null ? 'x' : input.prompt + '!'",
                "size(input.prompt)", "input.prompt.upperAscii()", "input.n + 1", "input.n > 2.5", "input.tags.join(', ')",
                "input.tags.map(t, t.upperAscii())", "input.meta.anything.at.all", "steps.write.output.usage.costUsd * 2.0",
                "steps.write.status == 'succeeded'", "steps.write.error.code", "steps.write.attempts > 1",
                "steps.write.output != null", "steps.write.output.usage == null", "steps.each.output.size()",
                "steps.each.output[0].caption", "steps.each.output.filter(o, o != null).map(o, o.caption)",
                "has(input.prompt) ? input.prompt : ''", "run.id + '/' + run.workflowSlug", "input.tags == null",
                "string(input.n)", "'a' + input.prompt", "input.prompt in ['a', 'b']", "input.?prompt.orValue('x')")) {
            assertThat(check(ok)).as(ok).isEmpty();
        }
    }

    @Test
    void theItemOfAFanOutHasTheElementTypeOfItsList() {
        TypeChecker items = checker.forItemsOf("{{ steps.each.output }}");
        assertThat(items.checkTemplate(JSON.getNodeFactory().stringNode("{{ item.caption }}"))).isEmpty();
        assertThat(items.checkTemplate(JSON.getNodeFactory().stringNode("{{ item.captions }}"))).singleElement()
                .satisfies(p -> assertThat(p.suggestion()).isEqualTo("steps.each.output[].caption"));
        TypeChecker strings = checker.forItemsOf("{{ input.tags }}");
        assertThat(strings.checkTemplate(JSON.getNodeFactory().stringNode("{{ item + index }}"))).singleElement()
                .satisfies(p -> assertThat(p.code()).isEqualTo("EXPRESSION_TYPE_MISMATCH"));
        TypeChecker unknown = checker.forItemsOf("{{ input.meta.list }}");
        assertThat(unknown.checkTemplate(JSON.getNodeFactory().stringNode("{{ item.whatever }}"))).isEmpty();
    }
}
