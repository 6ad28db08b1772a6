package dev.weft.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.weft.auth.AppDirectory;
import dev.weft.common.Ids;
import dev.weft.common.Json;
import dev.weft.engine.RunStatus;
import dev.weft.engine.StepStatus;
import dev.weft.store.RunRecord;
import dev.weft.store.StepRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * One application context for the webhook tests: a real server on a random port, in-memory H2,
 * 127.0.0.1 allow-listed for outbound calls, millisecond retry delays and a poll interval so long
 * that prompt delivery relies on the wake-ups (after a run finishes, when a retry falls due).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:webhooktest;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "weft.admin-token=test-admin",
        "weft.bootstrap.enabled=false",
        "weft.outbound.allow-hosts=127.0.0.1",
        "weft.webhooks.poll-interval=PT1M",
        "weft.webhooks.retry-delays=PT0.05S",
        "weft.webhooks.jitter=0",
        "weft.webhooks.max-attempts=3",
        "weft.webhooks.max-subscriptions=3",
        "weft.public-url=https://weft.example.com/"})
abstract class WebhookHttpTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;
    @Autowired
    AppDirectory apps;
    @Autowired
    WebhookOutbox outbox;
    @Autowired
    TransactionTemplate tx;

    private final List<Receiver> receivers = new ArrayList<>();

    @AfterEach
    void stopReceivers() {
        receivers.forEach(Receiver::close);
    }

    record Response(int status, JsonNode json, String contentType) {}

    Receiver receiver() {
        Receiver r = new Receiver();
        receivers.add(r);
        return r;
    }

    /** A new app; returns its API key. */
    String newApp() {
        String id = "wh-" + HexFormat.of().formatHex(randomBytes());
        return apps.createAppWithKey(id, "Webhook test " + id).apiKey().key();
    }

    String appIdOf(String key) {
        return apps.authenticate(key).orElseThrow().appId();
    }

    Response call(String key, String method, String path, Object body) {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("X-API-Key", key)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : Json.write(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            return new Response(response.statusCode(), text == null || text.isBlank() ? null : Json.parse(text),
                    response.headers().firstValue("Content-Type").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Tells the outbox, in a transaction as the engine does, that a run of the key's app finished. */
    RunRecord finishRun(String key, RunStatus status, String webhookUrl) {
        RunRecord run = run(appIdOf(key), status, webhookUrl);
        tx.executeWithoutResult(s -> outbox.onRunFinished(dev.weft.runs.FinishedRun.of(run)));
        return run;
    }

    static RunRecord run(String appId, RunStatus status, String webhookUrl) {
        Instant now = Instant.now();
        JsonNode stepOutput = Json.parse("{\"image\":\"art_1\",\"large\":\"" + "x".repeat(1000) + "\"}");
        JsonNode error = status == RunStatus.FAILED ? Json.parse("{\"code\":\"step_failed\",\"step\":\"tags\"}") : null;
        List<StepRecord> steps = List.of(
                new StepRecord("generate", "image_generate", StepStatus.SUCCEEDED, 1, 0, Json.parse("{}"), stepOutput,
                        null, null, now, now, now, now, now, null),
                new StepRecord("tags", "enrich_image", status == RunStatus.FAILED ? StepStatus.FAILED : StepStatus.SUCCEEDED,
                        2, 0, Json.parse("{}"), Json.parse("{\"tags\":[\"cat\"]}"), error, null, now, now, now, now, now, null));
        return new RunRecord(Ids.uuid7(Clock.systemUTC()), appId, "image-generate-v1", 1, "{}", status,
                Json.parse("{\"prompt\":\"a cat\"}"), status == RunStatus.COMPLETED
                        ? Json.parse("{\"image\":\"art_1\",\"file\":{\"artifactId\":\"art_1\",\"url\":\"/v1/artifacts/art_1\"}}") : null,
                error, webhookUrl, null, null, now.minusSeconds(2), now.minusSeconds(1), now, null, null,
                dev.weft.store.Lineage.NONE, dev.weft.store.Admission.DEFAULT, steps);
    }

    /** The run's deliveries once one matches, as listed by the API. */
    List<JsonNode> awaitDeliveries(String key, String runId, Predicate<List<JsonNode>> done) {
        List<JsonNode> result = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            Response r = call(key, "GET", "/v1/webhooks/deliveries?runId=" + runId, null);
            assertThat(r.status()).isEqualTo(200);
            result.clear();
            r.json().get("deliveries").forEach(result::add);
            return !result.isEmpty() && done.test(result);
        });
        return result;
    }

    JsonNode awaitDelivery(String key, String runId, String status) {
        return awaitDeliveries(key, runId, ds -> ds.getFirst().get("status").asString().equals(status)).getFirst();
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[5];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
