package dev.weft.it;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/**
 * The whole application on a random port, on the backend a {@link UseBackend} names (see
 * {@code H2BackendTest}); tests talk to it only over real HTTP, as a client would. Behaviour test
 * classes are abstract and written once; each backend's test class runs them as {@code @Nested} classes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "weft.data-dir=target/test-data/api",
        "weft.admin-token=it-admin-token",
        "weft.bootstrap.app-id=it-app",
        "weft.bootstrap.api-key=" + ApiTestBase.KEY,
        "weft.outbound.allow-hosts=127.0.0.1",
        "weft.encryption-key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
        "weft.engine.poll-interval=PT0.1S",
        "weft.webhooks.poll-interval=PT0.1S",
        "weft.webhooks.retry-delays=PT0.1S",
        // the suite polls hard with one key; the limits themselves are tested in RateLimitHttpTest
        "weft.rate-limits.per-key.capacity=5000",
        "weft.rate-limits.per-key.per-second=2000",
        "weft.rate-limits.per-app.capacity=10000",
        "weft.rate-limits.per-app.per-second=4000"
})
@Import(TestSteps.class)
public abstract class ApiTestBase {

    static final String KEY = "wk_integration_test_key_000000000001";

    @LocalServerPort
    int port;

    protected Http http;

    @BeforeEach
    void client() {
        http = new Http("http://127.0.0.1:" + port, KEY);
    }

    protected String base() {
        return "http://127.0.0.1:" + port;
    }

    protected String start(String body) {
        JsonNode accepted = http.post("/v1/workflows/run", body).expect(202).json();
        return accepted.get("runId").asString();
    }

    protected JsonNode awaitStatus(String runId, String status) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            last[0] = http.get("/v1/workflows/runs/" + runId).expect(200).json();
            org.assertj.core.api.Assertions.assertThat(last[0].get("status").asString())
                    .as("run %s: %s", runId, last[0]).isEqualTo(status);
        });
        return last[0];
    }

    protected static JsonNode step(JsonNode run, String id) {
        for (JsonNode s : run.get("steps")) {
            if (s.get("id").asString().equals(id)) {
                return s;
            }
        }
        throw new AssertionError("no step " + id + " in " + run);
    }

    /** A second app with its own key, made through the admin API. */
    protected String otherAppKey(String appId) {
        var response = java.net.http.HttpClient.newHttpClient();
        try {
            var r = response.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base() + "/admin/apps"))
                    .header("Authorization", "Bearer it-admin-token").header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"id\": \"" + appId + "\", \"name\": \"" + appId + "\"}"))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            return new Http.Response(r.statusCode(), "", r.body()).expect(201).json().get("apiKey").get("key").asString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
