package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Mistakes in expressions are caught when a definition is saved or validated, against what each
 * step type really produces and the workflow's inputSchema, with a "did you mean"; what cannot be
 * proven wrong stays allowed.
 */
abstract class TypedExpressionsTest extends ApiTestBase {

    private static final String SCHEMA = "'inputSchema': {'type': 'object', 'properties': {'prompt': {'type': 'string'}, "
            + "'count': {'type': 'integer'}, 'tags': {'type': 'array', 'items': {'type': 'string'}}}}";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // code | step | field | pointer | suggestion | definition
            "missing .output|UNKNOWN_EXPRESSION_FIELD|use|input.prompt|/steps/1/input/prompt|steps.write.output.text|"
                    + "{'slug': 'w', " + SCHEMA + ", 'steps': [{'id': 'write', 'type': 'text_generate', 'input': {'prompt': '{{ input.prompt }}'}},"
                    + " {'id': 'use', 'type': 'text_generate', 'input': {'prompt': 'Summarise {{ steps.write.text }}'}}]}",
            "field not in the output schema|UNKNOWN_EXPRESSION_FIELD|use|input.prompt|/steps/1/input/prompt|steps.write.output.notice|"
                    + "{'slug': 'w', " + SCHEMA + ", 'steps': [{'id': 'write', 'type': 'text_generate', 'input': {'prompt': '{{ input.prompt }}'}},"
                    + " {'id': 'use', 'type': 'text_generate', 'input': {'prompt': '{{ steps.write.output.notic }}'}}]}",
            "another API's name for the output|UNKNOWN_EXPRESSION_FIELD|use|input.prompt|/steps/1/input/prompt|steps.write.output.text|"
                    + "{'slug': 'w', " + SCHEMA + ", 'steps': [{'id': 'write', 'type': 'text_generate', 'input': {'prompt': '{{ input.prompt }}'}},"
                    + " {'id': 'use', 'type': 'text_generate', 'input': {'prompt': '{{ steps.write.output.content }}'}}]}",
            "input field not in the inputSchema|UNKNOWN_EXPRESSION_FIELD|write|input.prompt|/steps/0/input/prompt|input.prompt|"
                    + "{'slug': 'w', " + SCHEMA + ", 'steps': [{'id': 'write', 'type': 'text_generate', 'input': {'prompt': '{{ input.promt }}'}}]}",
            "input key the step type does not accept|UNKNOWN_INPUT_FIELD|write|input.max_tokens|/steps/0/input/max_tokens|maxTokens|"
                    + "{'slug': 'w', " + SCHEMA + ", 'steps': [{'id': 'write', 'type': 'text_generate', 'input': {'prompt': 'hi', 'max_tokens': 20}}]}",
            "a when condition|UNKNOWN_EXPRESSION_FIELD|use|when|/steps/1/when|steps.check.output.flagged|"
                    + "{'slug': 'w', " + SCHEMA + ", 'steps': [{'id': 'check', 'type': 'moderate_content', 'input': {'text': '{{ input.prompt }}'}},"
                    + " {'id': 'use', 'type': 'transform', 'when': 'steps.check.output.flaged', 'input': {'a': 1}}]}",
            "an item of a fan-out|UNKNOWN_EXPRESSION_FIELD|caption|input.prompt|/steps/1/input/prompt|steps.gen.output[].text|"
                    + "{'slug': 'w', " + SCHEMA + ", 'steps': [{'id': 'gen', 'type': 'text_generate', 'forEach': '{{ input.tags }}', 'input': {'prompt': '{{ item }}'}},"
                    + " {'id': 'caption', 'type': 'text_generate', 'forEach': '{{ steps.gen.output }}', 'input': {'prompt': '{{ item.txt }}'}}]}",
            "the workflow output|UNKNOWN_EXPRESSION_FIELD||output.summary|/output/summary|steps.write.output.text|"
                    + "{'slug': 'w', " + SCHEMA + ", 'steps': [{'id': 'write', 'type': 'text_generate', 'input': {'prompt': 'x'}}],"
                    + " 'output': {'summary': '{{ steps.write.output.txt }}'}}",
            "a transform's own keys|UNKNOWN_EXPRESSION_FIELD|use|input.prompt|/steps/1/input/prompt|steps.shape.output.title|"
                    + "{'slug': 'w', " + SCHEMA + ", 'steps': [{'id': 'shape', 'type': 'transform', 'input': {'title': '{{ input.prompt }}'}},"
                    + " {'id': 'use', 'type': 'text_generate', 'input': {'prompt': '{{ steps.shape.output.tilte }}'}}]}",
            "a scalar used as another type|EXPRESSION_TYPE_MISMATCH|use|input.prompt|/steps/1/input/prompt||"
                    + "{'slug': 'w', " + SCHEMA + ", 'steps': [{'id': 'write', 'type': 'text_generate', 'input': {'prompt': 'x'}},"
                    + " {'id': 'use', 'type': 'text_generate', 'input': {'prompt': '{{ steps.write.output.usage.inputTokens + \\\"a\\\" }}'}}]}"
    })
    void aMistakeIsRefusedAtSaveWithWhereItIsAndWhatWasMeant(String name, String code, String step, String field,
                                                           String pointer, String suggestion, String definition) {
        String json = definition.replace('\'', '"');
        for (String path : new String[] {"/v1/workflows", "/v1/workflows?validateOnly=true"}) {
            JsonNode problem = http.post(path, json).expectProblem(422);

            assertThat(problem.get("errors")).as(problem.toString()).hasSize(1);
            JsonNode error = problem.get("errors").get(0);
            assertThat(error.get("code").asString()).isEqualTo(code);
            assertThat(error.path("step").asString(null)).isEqualTo(step);
            assertThat(error.get("field").asString()).isEqualTo(field);
            assertThat(error.get("pointer").asString()).isEqualTo(pointer);
            assertThat(error.path("suggestion").asString(null)).isEqualTo(suggestion);
            if (suggestion != null) {
                assertThat(error.get("message").asString()).contains("did you mean");
            }
        }
        assertThat(http.get("/v1/workflows/w").status()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // dynamic data stays allowed: untyped inputSchema parts, transform values, signals, child runs
            "{'slug': 'ok1', 'inputSchema': {'type': 'object', 'properties': {'meta': {'type': 'object'}}}, 'steps': ["
                    + "{'id': 'a', 'type': 'transform', 'input': {'x': '{{ input.meta.anything.deeper }}'}}]}",
            "{'slug': 'ok2', 'steps': [{'id': 'a', 'type': 'transform', 'input': {'x': '{{ input.whatever }}'}},"
                    + " {'id': 'b', 'type': 'transform', 'input': {'y': '{{ steps.a.output.x.anything }}'}}]}",
            "{'slug': 'ok3', 'steps': [{'id': 'wait', 'type': 'wait_for_signal', 'input': {'signal': 'approval'}},"
                    + " {'id': 'b', 'type': 'transform', 'input': {'y': '{{ steps.wait.output.approve }}'}}]}",
            "{'slug': 'ok4', 'inputSchema': {'type': 'object', 'additionalProperties': true, 'properties': {'a': {'type': 'string'}}},"
                    + " 'steps': [{'id': 'a', 'type': 'transform', 'input': {'x': '{{ input.b }}'}}]}",
            // null checks, optional fields, comprehensions over typed lists, status and error of a step
            "{'slug': 'ok5', 'inputSchema': {'type': 'object', 'properties': {'url': {'type': 'string'}, 'tags': {'type': 'array', 'items': {'type': 'string'}}}},"
                    + " 'steps': [{'id': 'g', 'type': 'text_generate', 'onError': 'continue', 'input': {'prompt': '{{ input.tags.join(\\\", \\\") }}'}},"
                    + " {'id': 'b', 'type': 'transform', 'when': 'input.url != null && steps.g.output != null && steps.g.status == \\\"succeeded\\\"',"
                    + " 'input': {'n': '{{ size(steps.g.output.text) + steps.g.attempts }}', 'e': '{{ steps.g.error.code }}',"
                    + " 'u': '{{ steps.g.output.usage.costUsd * 2.0 }}', 'f': '{{ input.tags.map(t, t.upperAscii()) }}'}}]}",
            // a step with a fallback reads as whichever of the two answered
            "{'slug': 'ok6', 'steps': [{'id': 'g', 'type': 'text_generate', 'input': {'prompt': 'x'}, 'onError': {'fallback': 'alt'}},"
                    + " {'id': 'alt', 'type': 'transform', 'dependsOn': [], 'input': {'other': 1}},"
                    + " {'id': 'b', 'type': 'transform', 'dependsOn': ['g'], 'input': {'y': '{{ steps.g.output.other }}'}}]}"
    })
    void whatCannotBeProvenWrongIsAccepted(String definition) {
        String json = definition.replace('\'', '"');
        http.post("/v1/workflows?validateOnly=true", json).expect(200);
    }

    @Test
    void everyBuiltInWorkflowPassesTheTypeCheck() {
        JsonNode workflows = http.get("/v1/workflows").expect(200).json().get("workflows");
        assertThat(workflows).filteredOn(w -> w.get("builtIn").asBoolean()).hasSizeGreaterThanOrEqualTo(4)
                .allSatisfy(w -> http.post("/v1/workflows?validateOnly=true", w.get("definition").toString()).expect(200));
    }

    @Test
    void everyMistakeIsReportedAtOnce() {
        JsonNode problem = http.post("/v1/workflows", ("{'slug': 'w', " + SCHEMA + ", 'steps': ["
                + "{'id': 'write', 'type': 'text_generate', 'input': {'prompt': '{{ input.promt }}', 'max_tokens': 5}},"
                + "{'id': 'use', 'type': 'text_generat', 'input': {'prompt': '{{ steps.write.text }}'}}]}").replace('\'', '"'))
                .expectProblem(422);

        assertThat(problem.get("errors")).extracting(e -> e.get("code").asString() + " " + e.get("field").asString())
                .as("a misspelt step type does not hide the other steps' mistakes")
                .containsExactlyInAnyOrder("UNKNOWN_STEP_TYPE type", "UNKNOWN_EXPRESSION_FIELD input.prompt",
                        "UNKNOWN_INPUT_FIELD input.max_tokens", "UNKNOWN_EXPRESSION_FIELD input.prompt");
        assertThat(problem.at("/errors/0/suggestion").asString()).isEqualTo("text_generate");

        JsonNode typed = http.post("/v1/workflows", ("{'slug': 'w', " + SCHEMA + ", 'steps': ["
                + "{'id': 'write', 'type': 'text_generate', 'input': {'prompt': '{{ input.promt }}', 'max_tokens': 5}},"
                + "{'id': 'use', 'type': 'text_generate', 'input': {'prompt': '{{ steps.write.text }}'}}]}").replace('\'', '"'))
                .expectProblem(422);
        assertThat(typed.get("errors")).extracting(e -> e.get("code").asString() + " " + e.get("field").asString())
                .containsExactlyInAnyOrder("UNKNOWN_EXPRESSION_FIELD input.prompt", "UNKNOWN_INPUT_FIELD input.max_tokens",
                        "UNKNOWN_EXPRESSION_FIELD input.prompt");
    }

    @Test
    void anUnknownSlugSuggestsTheNearestWorkflow() {
        JsonNode problem = http.post("/v1/workflows/run", """
                {"workflowSlug": "image-generate-v2", "input": {"prompt": "a cat"}}""").expectProblem(404);
        assertThat(problem.get("detail").asString()).contains("did you mean 'image-generate-v1'?");

        JsonNode call = http.post("/v1/workflows", """
                {"slug": "caller", "steps": [{"id": "child", "type": "workflow",
                 "input": {"workflowSlug": "image-notfy-v1", "input": {}}}]}""").expectProblem(422);
        assertThat(call.at("/errors/0/code").asString()).isEqualTo("UNKNOWN_WORKFLOW");
        assertThat(call.at("/errors/0/suggestion").asString()).isEqualTo("image-notify-v1");
    }

    @Test
    void atRunTimeABadInputNamesTheExpressionThatProducedIt() {
        String runId = http.post("/v1/workflows/run", """
                {"plan": {"steps": [
                  {"id": "shape", "type": "transform", "input": {"n": "{{ input.n }}"}},
                  {"id": "write", "type": "text_generate", "input": {"prompt": "{{ steps.shape.output.n }}"}}]},
                 "input": {"n": 42}}""").expect(202).json().get("runId").asString();

        JsonNode failed = awaitStatus(runId, "failed");

        String message = failed.at("/error/message").asString();
        assertThat(failed.at("/error/code").asString()).isEqualTo("INVALID_STEP_INPUT");
        assertThat(message).startsWith("step 'write' failed: input.prompt: ")
                .contains("(the value came from '{{ steps.shape.output.n }}')")
                .as("the step is named once").doesNotContain("failed: step 'write'");
    }
}
