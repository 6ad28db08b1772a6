package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document tells the truth: every operation lists the problem answers it can give and
 * an example of each body, schemas are typed (no Jackson internals), JSON is application/json, the
 * authenticated app is no parameter, and the hand-written examples are accepted by the API itself.
 */
abstract class OpenApiDocumentTest extends ApiTestBase {

    private static final List<String> METHODS = List.of("get", "put", "post", "patch", "delete");
    private JsonNode doc;

    @BeforeEach
    void readTheDocument() {
        doc = http.get("/v3/api-docs").expect(200).json();
    }

    private List<Map.Entry<String, JsonNode>> operations() {
        List<Map.Entry<String, JsonNode>> all = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
            for (String method : METHODS) {
                if (path.getValue().has(method)) {
                    all.add(Map.entry(method.toUpperCase() + " " + path.getKey(), path.getValue().get(method)));
                }
            }
        }
        return all;
    }

    @Test
    void everyOperationListsItsProblemAnswersWithTheProblemSchema() {
        assertThat(operations()).hasSizeGreaterThan(40);
        for (Map.Entry<String, JsonNode> op : operations()) {
            String key = op.getKey();
            JsonNode responses = op.getValue().get("responses");
            assertThat(responses.has("401")).as(key + " 401").isTrue();
            if (key.contains(" /v1/")) {
                assertThat(responses.has("403")).as(key + " 403").isTrue();
                assertThat(responses.has("429")).as(key + " 429").isTrue();
            }
            if (op.getValue().has("requestBody")) {
                assertThat(responses.has("400") && responses.has("413") && responses.has("422")).as(key + " 400/413/422").isTrue();
            }
            if (key.contains("{")) {
                assertThat(responses.has("404")).as(key + " 404").isTrue();
            }
            for (Map.Entry<String, JsonNode> response : responses.properties()) {
                if (response.getKey().startsWith("4")) {
                    assertThat(response.getValue().at("/content/application~1problem+json/schema/$ref").asString())
                            .as(key + " " + response.getKey()).isEqualTo("#/components/schemas/Problem");
                }
            }
        }
        JsonNode start = doc.at("/paths/~1v1~1workflows~1run/post/responses");
        assertThat(start.has("202") && start.has("200") && start.has("409")).isTrue();
        JsonNode resume = doc.at("/paths/~1v1~1workflows~1runs~1{runId}~1resume/post/responses");
        assertThat(resume.has("409") && resume.has("202") && !resume.has("200")).as("resume answers 202").isTrue();
        assertThat(doc.at("/paths/~1v1~1schedules/post/responses").has("201")).isTrue();
        for (Map.Entry<String, JsonNode> op : operations()) {
            if (op.getKey().startsWith("DELETE ")) {
                assertThat(op.getValue().get("responses").has("204")).as(op.getKey()).isTrue();
            }
        }
    }

    @Test
    void everyRequestAndResponseBodyHasAnExample() {
        for (Map.Entry<String, JsonNode> op : operations()) {
            JsonNode body = op.getValue().at("/requestBody/content/application~1json");
            if (!body.isMissingNode()) {
                assertThat(hasExample(body)).as(op.getKey() + " request example").isTrue();
            }
            for (Map.Entry<String, JsonNode> response : op.getValue().get("responses").properties()) {
                JsonNode json = response.getValue().at("/content/application~1json");
                if (response.getKey().startsWith("2") && !json.isMissingNode()) {
                    assertThat(hasExample(json)).as(op.getKey() + " " + response.getKey() + " example").isTrue();
                }
            }
        }
    }

    private static boolean hasExample(JsonNode media) {
        return media.has("example") || (media.has("examples") && !media.get("examples").isEmpty());
    }

    @Test
    void schemasAreTypedWithoutJacksonInternalsAndJsonIsApplicationJson() {
        String text = doc.toString();
        assertThat(text).doesNotContain("\"nodeType\"", "\"containerNode\"", "\"bigDecimal\"", "\"valueNode\"")
                .doesNotContain("*/*");
        assertThat(doc.get("components").get("schemas").propertyNames()).doesNotContain("JsonNode", "ObjectNode", "ArrayNode");
        for (Map.Entry<String, JsonNode> op : operations()) {
            for (JsonNode parameter : op.getValue().path("parameters")) {
                assertThat(parameter.get("name").asString()).as(op.getKey()).isNotEqualTo("app");
            }
        }
        assertThat(doc.at("/components/securitySchemes/apiKey/name").asString()).isEqualTo("X-API-Key");
        assertThat(doc.at("/components/securitySchemes/apiKey/in").asString()).isEqualTo("header");
        assertThat(doc.at("/components/schemas/RunView/properties/status/enum").toString()).contains("completed");
        assertThat(doc.at("/components/schemas/Started/properties/runId/type").asString()).isEqualTo("string");
        assertThat(doc.at("/paths/~1v1~1workflows/post/requestBody/content/application~1json/schema/$ref").asString())
                .isEqualTo("#/components/schemas/WorkflowDefinition");
    }

    @Test
    void theWrittenExamplesUseOnlyFieldsTheirSchemasHave() {
        int checked = 0;
        for (Map.Entry<String, JsonNode> op : operations()) {
            List<JsonNode> media = new ArrayList<>();
            media.add(op.getValue().at("/requestBody/content/application~1json"));
            op.getValue().get("responses").properties().forEach(r -> media.add(r.getValue().at("/content/application~1json")));
            for (JsonNode m : media) {
                JsonNode example = m.at("/examples/example/value");
                String ref = m.at("/schema/$ref").asString("");
                if (example.isMissingNode() || !example.isObject() || ref.isEmpty()) {
                    continue;
                }
                JsonNode properties = doc.at("/components/schemas/" + ref.substring(ref.lastIndexOf('/') + 1) + "/properties");
                assertThat(properties.propertyNames()).as(op.getKey() + " example fields").containsAll(example.propertyNames());
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(8);
    }

    @Test
    void theWrittenExamplesAreAcceptedByTheApi() {
        JsonNode definition = doc.at("/paths/~1v1~1workflows/post/requestBody/content/application~1json/examples/example/value");
        http.post("/v1/workflows?validateOnly=true", definition.toString()).expect(200);

        JsonNode run = doc.at("/paths/~1v1~1workflows~1run/post/requestBody/content/application~1json/examples/example/value");
        ((tools.jackson.databind.node.ObjectNode) run).remove("webhookUrl"); // no DNS here
        http.post("/v1/workflows/run?dryRun=true", run.toString()).expect(200);

        JsonNode resume = doc.at("/paths/~1v1~1workflows~1runs~1{runId}~1resume/post/requestBody/content/application~1json/examples/example/value");
        assertThat(resume.has("input") && resume.has("steps")).isTrue();
    }
}
