package dev.weft.expression;

import static dev.weft.expression.Json.context;
import static dev.weft.expression.Json.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TemplateRenderingTest {

    private final ExpressionEngine engine = new ExpressionEngine(ExpressionLimits.defaults());

    private final EvaluationContext ctx = context(
            "{'prompt': 'a cat', 'count': 3, 'ratio': 0.5, 'flag': true, 'tags': ['x', 'y'], 'opts': null}",
            "{'generate': {'status': 'SUCCEEDED', 'output': {'image': 'img://1', 'meta': {'w': 512}}}}");

    @Test
    void aStringThatIsOneExpressionKeepsTheValuesJsonType() {
        // given
        JsonNode template = json("{'n': '{{ input.count }}', 'r': '{{input.ratio}}', 'b': ' {{ input.flag }} ',"
                + " 'list': '{{ input.tags }}', 'obj': '{{ steps.generate.output.meta }}', 'nul': '{{ null }}'}");

        // when
        JsonNode rendered = engine.render(template, ctx);

        // then
        assertThat(rendered).isEqualTo(json("{'n': 3, 'r': 0.5, 'b': true, 'list': ['x', 'y'],"
                + " 'obj': {'w': 512}, 'nul': null}"));
    }

    @Test
    void expressionsInsideLongerStringsAreInterpolatedAsText() {
        // given
        JsonNode template = json("'{{ input.prompt }} x{{ input.count }} {{ input.flag }} {{ input.tags }}"
                + " {{ steps.generate.output.meta }} [{{ input.opts }}] in run {{ run.id }}'");

        // when
        JsonNode rendered = engine.render(template, ctx);

        // then
        assertThat(rendered.asString()).isEqualTo("a cat x3 true [\"x\",\"y\"] {\"w\":512} [] in run run-1");
    }

    @Test
    void rendersNestedObjectsAndArraysAndLeavesPlainValuesAlone() {
        // given
        JsonNode template = json("{'data': {'image': '{{ steps.generate.output.image }}', 'size': 7,"
                + " 'items': ['plain', '{{ input.count * 2 }}', {'deep': '{{ input.tags[1].upperAscii() }}'}]}}");

        // when
        JsonNode rendered = engine.render(template, ctx);

        // then
        assertThat(rendered).isEqualTo(json("{'data': {'image': 'img://1', 'size': 7,"
                + " 'items': ['plain', 6, {'deep': 'Y'}]}}"));
        assertThat(template.at("/data/image").asString()).isEqualTo("{{ steps.generate.output.image }}");
    }

    @Test
    void readingAnAbsentFieldYieldsNull() {
        // given
        JsonNode template = json("{'size': '{{ input.size }}', 'missing': '{{ steps.generate.output.missing }}',"
                + " 'noStep': '{{ steps.other.output.image }}', 'throughNull': '{{ input.opts.size }}',"
                + " 'byKey': '{{ input[\\'size\\'] }}', 'defaulted': '{{ input.size == null ? \\'1024\\' : input.size }}'}");

        // when
        JsonNode rendered = engine.render(template, ctx);

        // then
        assertThat(rendered).isEqualTo(json("{'size': null, 'missing': null, 'noStep': null, 'throughNull': null,"
                + " 'byKey': null, 'defaulted': '1024'}"));
    }

    @Test
    void hasTellsAnAbsentFieldFromAPresentOne() {
        // given
        JsonNode template = json("['{{ has(input.size) }}', '{{ has(input.prompt) }}', '{{ has(steps.generate) }}']");

        // when
        JsonNode rendered = engine.render(template, ctx);

        // then
        assertThat(rendered).isEqualTo(json("[false, true, true]"));
    }

    @Test
    void standardExtensionsAreAvailable() {
        // given
        JsonNode template = json("['{{ \\'A,B\\'.lowerAscii().split(\\',\\') }}', '{{ input.tags.join(\\'-\\') }}',"
                + " '{{ math.greatest(1, 5, 3) }}', '{{ input.ratio > 0 }}', '{{ b\\'hi\\' }}', '{{ duration(\\'90s\\') }}']");

        // when
        JsonNode rendered = engine.render(template, ctx);

        // then
        assertThat(rendered).isEqualTo(json("[['a', 'b'], 'x-y', 5, true, 'aGk=', 'PT1M30S']"));
    }

    @Test
    void anEvaluationErrorNamesThePathInTheTemplate() {
        // given
        JsonNode template = json("{'data': {'items': ['ok', '{{ input.count / 0 }}']}}");

        // when / then
        assertThatThrownBy(() -> engine.render(template, ctx))
                .isInstanceOfSatisfying(ExpressionException.class, e -> assertThat(e.path()).isEqualTo("data.items[1]"))
                .hasMessageContaining("input.count / 0")
                .hasMessageContaining("by zero");
    }

    @Test
    void aTypeErrorIsAnExpressionException() {
        // given
        JsonNode template = json("{'x': '{{ input.prompt + 1 }}'}");

        // when / then
        assertThatThrownBy(() -> engine.render(template, ctx))
                .isInstanceOfSatisfying(ExpressionException.class, e -> assertThat(e.path()).isEqualTo("x"))
                .hasMessageContaining("input.prompt + 1");
    }

    @Test
    void readingAFieldOfAStringIsAnErrorNotNull() {
        // given
        JsonNode template = json("'{{ input.prompt.size }}'");

        // when / then
        assertThatThrownBy(() -> engine.render(template, ctx))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("cannot read 'size' of a value of type string");
    }

    @Test
    void exceedingTheIterationLimitIsAnExpressionException() {
        // given
        StringBuilder many = new StringBuilder("{'items': [");
        for (int i = 0; i < 200; i++) {
            many.append(i == 0 ? "" : ",").append(i);
        }
        EvaluationContext big = context(many.append("]}").toString(), "{}");
        JsonNode template = json("'{{ input.items.all(a, input.items.all(b, a + b >= 0)) }}'");

        // when / then
        assertThatThrownBy(() -> engine.render(template, big))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("budget");
    }

    @Test
    void aComprehensionWithinTheLimitEvaluates() {
        // given
        JsonNode template = json("'{{ input.tags.map(t, t + \\'!\\').filter(t, t != \\'y!\\') }}'");

        // when
        JsonNode rendered = engine.render(template, ctx);

        // then
        assertThat(rendered).isEqualTo(json("['x!']"));
    }

    @Test
    void aMalformedExpressionFailsRenderingWithItsPath() {
        // given
        JsonNode template = json("{'a': '{{ input. }}'}");

        // when / then
        assertThatThrownBy(() -> engine.render(template, ctx))
                .isInstanceOfSatisfying(ExpressionException.class, e -> assertThat(e.path()).isEqualTo("a"));
    }

    @Test
    void anExpressionMayContainBracesAndQuotedClosingBraces() {
        // given
        JsonNode template = json("{'m': '{{ {\\'a\\': {\\'b\\': \\'}}\\'}} }}'}");

        // when
        JsonNode rendered = engine.render(template, ctx);

        // then
        assertThat(rendered).isEqualTo(json("{'m': {'a': {'b': '}}'}}}"));
    }
}
