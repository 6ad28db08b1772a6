package dev.weft.steps.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.artifacts.ArtifactStore;
import dev.weft.common.Json;
import dev.weft.steps.StepContext;
import dev.weft.steps.StepHandler;
import dev.weft.steps.StepResult;
import dev.weft.steps.ai.InMemoryArtifactStore;
import dev.weft.steps.emit.SigningSecrets;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:stepstest;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "weft.admin-token=test-admin",
        "weft.bootstrap.app-id=steps-test",
        "weft.bootstrap.api-key=" + StepTypeCatalogueTest.KEY,
        "weft.providers.warm-up=false"})
class StepTypeCatalogueTest {

    static final String KEY = "wk_steps_test_key_0123456789";
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestConfiguration
    static class FakePorts {
        @Bean
        ArtifactStore artifactStore() {
            return new InMemoryArtifactStore();
        }

        @Bean
        SigningSecrets signingSecrets() {
            return appId -> List.of();
        }

        /** Stand-ins for the storage steps built on another branch; the built-in workflows need them. */
        @Bean
        StepHandler storeResults() {
            return new StubStep("store_results");
        }

        @Bean
        StepHandler searchSimilar() {
            return new StubStep("search_similar");
        }
    }

    record StubStep(String type) implements StepHandler {
        @Override
        public String description() {
            return "test stand-in for " + type;
        }

        @Override
        public JsonNode inputSchema() {
            return Json.object().put("type", "object");
        }

        @Override
        public JsonNode outputSchema() {
            return Json.object().put("type", "object");
        }

        @Override
        public StepResult execute(StepContext context) {
            return StepResult.ok(Json.object());
        }
    }

    @LocalServerPort
    int port;

    HttpResponse<String> get(String path, String key) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (key != null) {
            request.header("X-API-Key", key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void listsEveryStepTypeWithItsSchemas() throws Exception {
        HttpResponse<String> response = get("/v1/step-types", KEY);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode types = Json.parse(response.body()).get("stepTypes");
        List<String> names = types.valueStream().map(t -> t.get("type").asString()).toList();
        assertThat(names).contains("store_results", "image_generate", "text_generate", "enrich_text", "enrich_image",
                "moderate_content", "emit_webhook", "transform", "delay");
        assertThat(types).allSatisfy(t -> {
            assertThat(t.get("description").asString()).isNotBlank();
            assertThat(t.get("inputSchema").isObject()).isTrue();
            assertThat(t.get("outputSchema").isObject()).isTrue();
        });
    }

    @Test
    void describesOneStepType() throws Exception {
        HttpResponse<String> response = get("/v1/step-types/image_generate", KEY);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode type = Json.parse(response.body());
        assertThat(type.get("inputSchema").get("required").toString()).contains("prompt");
        assertThat(type.get("inputSchema").get("properties").get("size").get("pattern").asString()).isNotBlank();
    }

    @Test
    void anUnknownStepTypeIsANotFoundProblem() throws Exception {
        HttpResponse<String> response = get("/v1/step-types/teleport", KEY);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(Json.parse(response.body()).get("detail").asString()).contains("teleport", "delay");
    }

    @Test
    void theCatalogueNeedsAnApiKey() throws Exception {
        assertThat(get("/v1/step-types", null).statusCode()).isEqualTo(401);
    }
}
