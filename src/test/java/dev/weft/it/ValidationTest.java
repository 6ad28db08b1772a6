package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** Every validation error is a problem+json that names the step and the field; nothing is stored. */
abstract class ValidationTest extends ApiTestBase {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "UNKNOWN_STEP_TYPE|gen|type|{'slug': 'v1', 'steps': [{'id': 'gen', 'type': 'paint_picture'}]}",
            "DUPLICATE_STEP_ID|a|id|{'slug': 'v1', 'steps': [{'id': 'a', 'type': 'transform'}, {'id': 'a', 'type': 'transform'}]}",
            "INVALID_STEP_ID|#0|id|{'slug': 'v1', 'steps': [{'id': '1-bad id', 'type': 'transform'}]}",
            "CYCLE|a|dependsOn|{'slug': 'v1', 'steps': [{'id': 'a', 'type': 'transform', 'dependsOn': ['b']}, {'id': 'b', 'type': 'transform', 'dependsOn': ['a']}]}",
            "UNKNOWN_DEPENDENCY|a|dependsOn[0]|{'slug': 'v1', 'steps': [{'id': 'a', 'type': 'transform', 'dependsOn': ['ghost']}]}",
            "NOT_AN_ANCESTOR|b|input|{'slug': 'v1', 'steps': [{'id': 'a', 'type': 'transform', 'dependsOn': []}, {'id': 'b', 'type': 'transform', 'dependsOn': [], 'input': {'x': '{{ steps.a.output }}'}}]}",
            "INVALID_EXPRESSION|a|input.x|{'slug': 'v1', 'steps': [{'id': 'a', 'type': 'transform', 'input': {'x': '{{ input.( }}'}}]}",
            "INVALID_EXPRESSION|a|when|{'slug': 'v1', 'steps': [{'id': 'a', 'type': 'transform', 'when': 'input.x +'}]}",
            "INVALID_RETRY|a|retry.maxAttempts|{'slug': 'v1', 'steps': [{'id': 'a', 'type': 'transform', 'retry': {'maxAttempts': 0}}]}",
            "INVALID_DURATION|a|retry.initialDelay|{'slug': 'v1', 'steps': [{'id': 'a', 'type': 'transform', 'retry': {'initialDelay': 'soon'}}]}",
            "INVALID_DURATION|a|timeout|{'slug': 'v1', 'steps': [{'id': 'a', 'type': 'transform', 'timeout': '-PT1S'}]}",
            "INVALID_ON_ERROR|a|onError|{'slug': 'v1', 'steps': [{'id': 'a', 'type': 'transform', 'onError': 'ignore'}]}",
            "UNKNOWN_FIELD|a|dependson|{'slug': 'v1', 'steps': [{'id': 'a', 'type': 'transform', 'dependson': []}]}",
            "REQUIRED||steps|{'slug': 'v1', 'steps': []}",
            "INVALID_SLUG||slug|{'slug': 'Bad Slug!', 'steps': [{'id': 'a', 'type': 'transform'}]}"
    })
    void anInvalidDefinitionIsRefusedWithTheStepAndField(String code, String step, String field, String definition) {
        JsonNode problem = http.post("/v1/workflows", definition.replace('\'', '"')).expectProblem(422);

        JsonNode error = problem.get("errors").get(0);
        assertThat(error.get("code").asString()).isEqualTo(code);
        assertThat(error.path("step").asString(null)).isEqualTo(step);
        assertThat(error.get("field").asString()).isEqualTo(field);
        assertThat(error.get("message").asString()).isNotBlank();
        assertThat(problem.get("type").asString()).endsWith("/invalid-definition");
        assertThat(http.get("/v1/workflows/v1").status()).isEqualTo(404);
    }

    @Test
    void anInvalidEphemeralPlanIsRefusedAtSubmissionAndNoRunIsCreated() {
        JsonNode before = http.get("/v1/workflows/runs?limit=200").json();

        JsonNode problem = http.post("/v1/workflows/run", """
                {"plan": {"steps": [{"id": "a", "type": "nope"}]}}""").expectProblem(422);

        assertThat(problem.at("/errors/0/code").asString()).isEqualTo("UNKNOWN_STEP_TYPE");
        assertThat(http.get("/v1/workflows/runs?limit=200").json().get("runs")).hasSameSizeAs(before.get("runs"));
    }

    @Test
    void inputThatFailsTheInputSchemaIsRefusedNamingTheField() {
        JsonNode problem = http.post("/v1/workflows/run", """
                {"workflowSlug": "image-generate-v1", "input": {"size": "1024x1024"}}""").expectProblem(422);

        assertThat(problem.at("/errors/0/field").asString()).isEqualTo("input.prompt");
        JsonNode wrongType = http.post("/v1/workflows/run", """
                {"workflowSlug": "image-generate-v1", "input": {"prompt": 42}}""").expectProblem(422);
        assertThat(wrongType.at("/errors/0/field").asString()).isEqualTo("input.prompt");
    }

    @Test
    void limitsOnStepsBodySizeNestingAndExpressionLengthAreEnforced() {
        StringBuilder many = new StringBuilder("{\"slug\": \"many\", \"steps\": [");
        for (int i = 0; i < 101; i++) {
            many.append(i == 0 ? "" : ",").append("{\"id\": \"s").append(i).append("\", \"type\": \"transform\"}");
        }
        JsonNode tooMany = http.post("/v1/workflows", many.append("]}").toString()).expectProblem(422);
        assertThat(tooMany.at("/errors/0/code").asString()).isEqualTo("TOO_MANY_STEPS");

        String huge = "{\"workflowSlug\": \"image-generate-v1\", \"input\": {\"prompt\": \"" + "x".repeat(1_100_000) + "\"}}";
        http.post("/v1/workflows/run", huge).expectProblem(413);

        String deep = "{\"a\":".repeat(40) + "1" + "}".repeat(40);
        JsonNode tooDeep = http.post("/v1/workflows/run",
                "{\"plan\": {\"steps\": [{\"id\": \"a\", \"type\": \"transform\"}]}, \"input\": " + deep + "}").expectProblem(422);
        assertThat(tooDeep.at("/errors/0/field").asString()).isEqualTo("input");

        String longExpr = "{{ " + "input.x + ".repeat(150) + "1 }}";
        JsonNode tooLong = http.post("/v1/workflows", """
                {"slug": "longexpr", "steps": [{"id": "a", "type": "transform", "input": {"v": "%s"}}]}""".formatted(longExpr))
                .expectProblem(422);
        assertThat(tooLong.at("/errors/0/field").asString()).isEqualTo("input.v");
    }

    @Test
    void malformedJsonAndUnknownWorkflowsGetClearProblems() {
        assertThat(http.post("/v1/workflows/run", "{not json").expectProblem(400).get("type").asString())
                .endsWith("/malformed-json");
        JsonNode unknown = http.post("/v1/workflows/run", "{\"workflowSlug\": \"no-such-flow\"}").expectProblem(404);
        assertThat(unknown.at("/errors/0/field").asString()).isEqualTo("workflowSlug");
        JsonNode both = http.post("/v1/workflows/run",
                "{\"workflowSlug\": \"image-generate-v1\", \"plan\": {\"steps\": []}}").expectProblem(422);
        assertThat(both.at("/errors/0/field").asString()).isEqualTo("workflowSlug");
    }
}
