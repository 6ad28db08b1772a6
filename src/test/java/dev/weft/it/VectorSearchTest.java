package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Collections on each backend: which engine answers, and filtered top-k by cosine. */
abstract class VectorSearchTest extends ApiTestBase {

    @Test
    void saysWhichEngineAnswersQueriesInTheCollectionsApiAndActuatorInfo() {
        String engine = http.get("/v1/collections").expect(200).json().get("engine").asString();

        assertThat(engine).isIn("pgvector", "exact-in-memory");
        assertThat(http.as(null).asAdmin("it-admin-token").get("/actuator/info").expect(200).json().at("/vector/engine").asString()).isEqualTo(engine);
    }

    @Test
    void findsTheNearestDocumentsAmongThoseMatchingTheMetadataFilter() {
        String c = "vs-" + System.nanoTime();
        put(c, "north", "[0, 1, 0]", "{\"kind\": \"a\", \"year\": 2024}");
        put(c, "north-east", "[0.6, 0.8, 0]", "{\"kind\": \"b\", \"year\": 2025}");
        put(c, "east", "[1, 0, 0]", "{\"kind\": \"a\", \"year\": 2025.0}");

        JsonNode all = query(c, "{\"embedding\": [0, 1, 0], \"topK\": 2}");
        JsonNode kindA = query(c, "{\"embedding\": [0, 1, 0], \"topK\": 3, \"filter\": {\"kind\": \"a\"}}");
        JsonNode year = query(c, "{\"embedding\": [0, 1, 0], \"filter\": {\"year\": {\"$in\": [2025]}}}");

        assertThat(all.findValuesAsString("id")).containsExactly("north", "north-east");
        assertThat(all.get(0).get("score").asDouble()).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(all.get(1).get("score").asDouble()).isCloseTo(0.8, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(kindA.findValuesAsString("id")).containsExactly("north", "east");
        assertThat(year.findValuesAsString("id")).containsExactly("north-east", "east");
    }

    private void put(String collection, String id, String embedding, String metadata) {
        http.put("/v1/collections/" + collection + "/documents/" + id,
                "{\"embedding\": " + embedding + ", \"metadata\": " + metadata + "}").expect(200);
    }

    private JsonNode query(String collection, String body) {
        return http.post("/v1/collections/" + collection + "/query", body).expect(200).json().get("matches");
    }
}
