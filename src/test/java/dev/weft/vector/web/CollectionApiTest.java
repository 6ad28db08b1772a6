package dev.weft.vector.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.steps.StepRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class CollectionApiTest extends StorageHttpTest {

    @Autowired
    StepRegistry steps;

    @Test
    void upsertsTextDocumentsAndFindsTheMostSimilar() {
        TestApp app = newApp();
        Response put = send("PUT", "/v1/collections/pets/documents/tom", app.key(),
                Map.of("text", "a grey cat that purrs", "metadata", Map.of("kind", "cat")));
        send("PUT", "/v1/collections/pets/documents/rex", app.key(), Map.of("text", "a dog that barks", "metadata", Map.of("kind", "dog")));

        assertThat(put.status()).isEqualTo(200);
        assertThat(put.json().get("dimensions").asInt()).isEqualTo(384);
        Response query = send("POST", "/v1/collections/pets/query", app.key(), Map.of("text", "cat purrs", "topK", 1));
        assertThat(query.status()).isEqualTo(200);
        assertThat(query.json().get("matches")).singleElement().satisfies(m -> {
            assertThat(m.get("id").asString()).isEqualTo("tom");
            assertThat(m.get("content").asString()).isEqualTo("a grey cat that purrs");
            assertThat(m.get("metadata").get("kind").asString()).isEqualTo("cat");
            assertThat(m.get("score").asDouble()).isBetween(0.1, 1.0);
        });
        Response filtered = send("POST", "/v1/collections/pets/query", app.key(),
                Map.of("text", "cat purrs", "filter", Map.of("kind", Map.of("$in", java.util.List.of("dog")))));
        assertThat(filtered.json().get("matches")).singleElement()
                .satisfies(m -> assertThat(m.get("id").asString()).isEqualTo("rex"));
    }

    @Test
    void listsReadsAndDeletesDocuments() {
        TestApp app = newApp();
        send("PUT", "/v1/collections/vecs/documents/b", app.key(), Map.of("embedding", new float[] {0, 1}));
        send("PUT", "/v1/collections/vecs/documents/a", app.key(), Map.of("embedding", new float[] {1, 0}));

        assertThat(send("GET", "/v1/collections", app.key(), null).json().get("collections")).singleElement()
                .satisfies(c -> {
                    assertThat(c.get("name").asString()).isEqualTo("vecs");
                    assertThat(c.get("documents").asLong()).isEqualTo(2);
                    assertThat(c.get("dimensions").asInt()).isEqualTo(2);
                });
        Response page = send("GET", "/v1/collections/vecs/documents?limit=1", app.key(), null);
        assertThat(page.json().get("documents")).singleElement().satisfies(d -> assertThat(d.get("id").asString()).isEqualTo("a"));
        assertThat(page.json().get("nextCursor").asString()).isEqualTo("a");
        Response one = send("GET", "/v1/collections/vecs/documents/b", app.key(), null);
        assertThat(one.json().get("embedding")).hasSize(2);

        assertThat(send("DELETE", "/v1/collections/vecs/documents/b", app.key(), null).status()).isEqualTo(204);
        assertThat(send("GET", "/v1/collections/vecs/documents/b", app.key(), null).status()).isEqualTo(404);
        assertThat(send("DELETE", "/v1/collections/vecs/documents/b", app.key(), null).status()).isEqualTo(404);
    }

    @Test
    void anotherAppsCollectionsAreNotFound() {
        TestApp owner = newApp();
        TestApp other = newApp();
        send("PUT", "/v1/collections/private/documents/secret", owner.key(), Map.of("embedding", new float[] {1, 0}));

        assertThat(send("GET", "/v1/collections", other.key(), null).json().get("collections")).isEmpty();
        assertThat(send("GET", "/v1/collections/private/documents", other.key(), null).status()).isEqualTo(404);
        assertThat(send("GET", "/v1/collections/private/documents/secret", other.key(), null).status()).isEqualTo(404);
        assertThat(send("POST", "/v1/collections/private/query", other.key(), Map.of("embedding", new float[] {1, 0}))
                .status()).isEqualTo(404);
        assertThat(send("DELETE", "/v1/collections/private/documents/secret", other.key(), null).status()).isEqualTo(404);
        assertThat(send("GET", "/v1/collections/private/documents/secret", owner.key(), null).status()).isEqualTo(200);
        assertThat(send("GET", "/v1/collections", null, null).status()).isEqualTo(401);
    }

    @Test
    void badRequestsAreProblemsNamingTheField() {
        TestApp app = newApp();
        send("PUT", "/v1/collections/dims/documents/one", app.key(), Map.of("embedding", new float[] {1, 0, 0}));

        assertField(send("PUT", "/v1/collections/dims/documents/two", app.key(), Map.of("embedding", new float[] {1, 0})),
                "embedding");
        assertField(send("PUT", "/v1/collections/dims/documents/two", app.key(), Map.of("metadata", Map.of())), "text");
        assertField(send("PUT", "/v1/collections/bad.name/documents/two", app.key(), Map.of("text", "x")), "collection");
        assertField(send("POST", "/v1/collections/dims/query", app.key(), Map.of("embedding", new float[] {1, 0, 0}, "topK", 0)),
                "topK");
        assertField(send("POST", "/v1/collections/dims/query", app.key(),
                Map.of("embedding", new float[] {1, 0, 0}, "filter", Map.of("k", Map.of("$gt", 1)))), "filter");
        assertField(send("POST", "/v1/collections/dims/query", app.key(), Map.of("text", "three words here")), "text");
    }

    @Test
    void theStorageStepTypesAreRegistered() {
        assertThat(steps.find("store_results")).isPresent();
        assertThat(steps.find("search_similar")).isPresent();
    }

    private static void assertField(Response response, String field) {
        assertThat(response.status()).isIn(400, 422);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo(field);
    }
}
