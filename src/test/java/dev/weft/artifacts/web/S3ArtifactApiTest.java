package dev.weft.artifacts.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.weft.artifacts.ArtifactStore;
import dev.weft.artifacts.S3ArtifactStore;
import dev.weft.common.Json;
import dev.weft.testsupport.S3rver;
import dev.weft.vector.web.StorageHttpTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.JsonNode;

/** The service with {@code weft.artifacts.store=s3} on a real S3-compatible server (s3rver). */
class S3ArtifactApiTest extends StorageHttpTest {

    private static S3rver server;

    @DynamicPropertySource
    static void s3(DynamicPropertyRegistry registry) {
        registry.add("weft.artifacts.store", () -> "s3");
        registry.add("weft.artifacts.s3.endpoint", () -> server().endpoint().toString());
        registry.add("weft.artifacts.s3.bucket", () -> "weft-api-test");
        registry.add("weft.artifacts.s3.access-key", () -> S3rver.ACCESS_KEY);
        registry.add("weft.artifacts.s3.secret-key", () -> S3rver.SECRET_KEY);
        registry.add("weft.artifacts.s3.create-bucket", () -> "true");
    }

    private static synchronized S3rver server() {
        if (server == null) {
            server = S3rver.startOrSkip();
        }
        return server;
    }

    /** Starts (or skips for want of) the server before Spring builds a context that needs its address. */
    @org.junit.jupiter.api.BeforeAll
    static void startServer() {
        server();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Autowired
    ArtifactStore store;

    @Autowired
    S3Client s3;

    @Test
    void aLargeStepOutputGoesToTheBucketAndIsStreamedBackThroughTheAuthenticatedEndpoint() {
        assertThat(store).isInstanceOf(S3ArtifactStore.class);
        TestApp app = newApp();
        String text = "s3-".repeat(100_000);
        String runId = send("POST", "/v1/workflows/run", app.key(), """
                {"input": {"text": "%s"}, "plan": {"steps": [
                  {"id": "big", "type": "transform", "input": {"blob": "{{ input.text }}"}},
                  {"id": "read", "type": "transform", "input": {"length": "{{ size(steps.big.output.blob) }}"}}]}}"""
                .formatted(text)).json().get("runId").asString();

        JsonNode[] run = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            run[0] = send("GET", "/v1/workflows/runs/" + runId, app.key(), null).json();
            return run[0].get("status").asString().equals("completed");
        });

        JsonNode steps = run[0].get("steps");
        JsonNode reference = steps.get(0).get("output").get("$artifact");
        assertThat(steps.get(1).at("/output/length").asInt()).isEqualTo(text.length());
        Response content = send("GET", reference.get("url").asString(), app.key(), null);
        assertThat(content.status()).isEqualTo(200);
        assertThat(content.header("Content-Length")).isEqualTo(reference.get("sizeBytes").asString());
        assertThat(Json.MAPPER.readTree(content.bytes()).get("blob").asString()).isEqualTo(text);
        assertThat(send("GET", reference.get("url").asString(), newApp().key(), null).status()).isEqualTo(404);
        assertThat(s3.listObjectsV2(l -> l.bucket("weft-api-test")).contents())
                .anySatisfy(o -> assertThat(o.key()).endsWith(reference.get("artifactId").asString()));
    }
}
