package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.weft.definition.InputSchemas;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The output schemas in {@code GET /v1/step-types} are a contract the save-time type checker
 * trusts: every step type really produces what its schema says, and nothing it does not list (the
 * checker refuses a field no schema declares). One plan runs every type; each output is validated
 * against its type's schema with every object closed, the way the checker reads it.
 */
abstract class StepOutputContractTest extends ApiTestBase {

    @Test
    void everyStepTypeProducesWhatItsOutputSchemaDeclares() {
        http.post("/v1/workflows", """
                {"slug": "contract-child", "steps": [{"id": "echo", "type": "transform", "input": {"v": 1}}],
                 "output": {"v": "{{ steps.echo.output.v }}"}}""").expect(201);
        try (LocalReceiver receiver = new LocalReceiver()) {
            String runId = start("""
                    {"input": {"prompt": "a calm blue lake at dawn"}, "plan": {"steps": [
                      {"id": "gen", "type": "image_generate", "input": {"prompt": "{{ input.prompt }}", "size": "64x48"}},
                      {"id": "describe", "type": "enrich_image", "input": {"image": "{{ steps.gen.output.image }}"}},
                      {"id": "moderate", "type": "moderate_content", "dependsOn": ["gen"],
                       "input": {"text": "{{ input.prompt }}", "image": "{{ steps.gen.output.image }}"}},
                      {"id": "write", "type": "text_generate", "dependsOn": [], "input": {"prompt": "{{ input.prompt }}"}},
                      {"id": "enrich", "type": "enrich_text", "input": {"text": "{{ steps.write.output.text }}"}},
                      {"id": "store", "type": "store_results", "dependsOn": ["describe", "moderate", "enrich"],
                       "input": {"data": {"caption": "{{ steps.describe.output.caption }}"},
                                 "index": {"collection": "contract", "text": "{{ steps.write.output.text }}"}}},
                      {"id": "search", "type": "search_similar", "dependsOn": ["store"],
                       "input": {"collection": "contract", "query": "{{ input.prompt }}", "topK": 1}},
                      {"id": "notify", "type": "emit_webhook", "dependsOn": ["search"],
                       "input": {"url": "%s", "event": "lake.ready", "payload": {"top": "{{ steps.search.output.matches[0].id }}"}}},
                      {"id": "shape", "type": "transform", "dependsOn": [], "input": {"title": "{{ input.prompt }}"}},
                      {"id": "pause", "type": "delay", "dependsOn": [], "input": {"duration": "PT0S"}},
                      {"id": "approval", "type": "wait_for_signal", "dependsOn": [], "input": {"signal": "approval", "timeout": "PT1H"}},
                      {"id": "child", "type": "workflow", "dependsOn": [], "input": {"workflowSlug": "contract-child"}}]}}"""
                    .formatted(receiver.url("/step")));
            await().atMost(Duration.ofSeconds(60)).until(() -> step(http.get("/v1/workflows/runs/" + runId).expect(200).json(),
                    "approval").get("status").asString().equals("waiting"));
            http.post("/v1/workflows/runs/" + runId + "/signals/approval", "{\"approve\": true}").expect(202);

            JsonNode run = awaitStatus(runId, "completed");

            Map<String, JsonNode> schemas = new java.util.HashMap<>();
            for (JsonNode type : http.get("/v1/step-types").expect(200).json().get("stepTypes")) {
                schemas.put(type.get("type").asString(), closed(type.get("outputSchema").deepCopy()));
            }
            Set<String> covered = new TreeSet<>();
            for (JsonNode step : run.get("steps")) {
                String type = step.get("type").asString();
                covered.add(type);
                assertThat(InputSchemas.validate(schemas.get(type), step.get("output")))
                        .as("output of %s (%s): %s", step.get("id"), type, step.get("output")).isEmpty();
            }
            assertThat(covered).as("every step type is exercised (the test context adds test_* types of its own)")
                    .isEqualTo(new TreeSet<>(schemas.keySet().stream().filter(t -> !t.startsWith("test_")).toList()));
        }
    }

    /** The schema with {@code additionalProperties: false} wherever an object lists its properties and says nothing else. */
    private static JsonNode closed(JsonNode schema) {
        if (schema instanceof ObjectNode object) {
            if (object.has("properties") && !object.has("additionalProperties")) {
                object.put("additionalProperties", false);
            }
            for (JsonNode child : object) {
                closed(child);
            }
        } else if (schema.isArray()) {
            schema.forEach(StepOutputContractTest::closed);
        }
        return schema;
    }
}
