package dev.weft.expression;

import static dev.weft.expression.Json.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExpressionCheckingTest {

    private final ExpressionEngine engine = new ExpressionEngine(new ExpressionLimits(60, 10_000, ExpressionLimits.DEFAULT_MAX_VALUE_SIZE));

    @Test
    void aWellFormedTemplateHasNoProblems() {
        assertThat(engine.checkTemplate(json("{'data': {'image': '{{ steps.generate.output.image }}',"
                + " 'tags': ['{{ run.id }}', 'size {{input.size}}', 7, true, null]}}"))).isEmpty();
    }

    @Test
    void aSyntaxErrorIsReportedWithItsPathAndCelsMessage() {
        // when
        List<ExpressionProblem> problems = engine.checkTemplate(json("{'data': {'items': ['ok', 'x {{ input.a + }}']}}"));

        // then
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("data.items[1]");
            assertThat(p.message()).contains("input.a +").contains("mismatched input");
        });
    }

    @Test
    void anUnknownVariableIsAProblem() {
        assertThat(engine.checkTemplate(json("{'image': '{{ secrets.key }}'}"))).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("image");
            assertThat(p.message()).contains("undeclared reference to 'secrets'");
        });
    }

    @Test
    void callingAnUnknownFunctionIsAProblemSoNothingDangerousCanRun() {
        assertThat(engine.checkTemplate(json("'{{ exec(\\'ls\\') }}'"))).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("undeclared reference to 'exec'"));
        assertThat(engine.checkTemplate(json("'{{ \\'a\\'.replace(\\'a\\', \\'aa\\') }}'"))).hasSize(1);
    }

    @Test
    void anEmptyExpressionIsAProblem() {
        assertThat(engine.checkTemplate(json("{'a': 'x {{ }}', 'b': '{{}}'}")))
                .extracting(ExpressionProblem::path, ExpressionProblem::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", "empty expression"),
                        org.assertj.core.groups.Tuple.tuple("b", "empty expression"));
    }

    @Test
    void unbalancedBracesAreAProblem() {
        assertThat(engine.checkTemplate(json("['{{ input.a', 'input.a }}', 'ok']")))
                .extracting(ExpressionProblem::path)
                .containsExactly("[0]", "[1]");
    }

    @Test
    void anExpressionLongerThanTheLimitIsAProblem() {
        // given
        String longExpression = "input.a + " + "1 + ".repeat(20) + "1";

        // when
        List<ExpressionProblem> problems = engine.checkTemplate(json("'{{ " + longExpression + " }}'"));

        // then
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.path()).isEmpty();
            assertThat(p.message()).contains("more than the limit of 60");
        });
    }

    @Test
    void readingStepsByAComputedKeyIsAProblem() {
        assertThat(engine.checkTemplate(json("['{{ steps[input.which] }}', '{{ steps }}']"))).hasSize(2)
                .allSatisfy(p -> assertThat(p.message()).contains("literal id"));
    }

    @Test
    void referencedStepsComeFromTheSyntaxTreeIncludingBracketsAndHas() {
        // given
        var template = json("{'a': '{{ steps.generate.output.image }}', 'b': ['{{ steps[\\'tags\\'].output }}'],"
                + " 'c': 'x {{ has(steps.safety) }} {{ \\'steps.fake\\' + \\'steps[1]\\' }}',"
                + " 'd': 'steps.plainText', 'e': '{{ broken + }}'}");

        // when / then
        assertThat(engine.referencedSteps(template)).containsExactlyInAnyOrder("generate", "tags", "safety");
    }
}
