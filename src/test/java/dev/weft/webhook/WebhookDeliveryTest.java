package dev.weft.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.weft.common.Json;
import dev.weft.engine.RunStatus;
import dev.weft.store.RunRecord;
import dev.weft.signing.StandardWebhooks;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class WebhookDeliveryTest extends WebhookHttpTest {

    @Autowired
    MeterRegistry meters;

    @Test
    void deliversASignedRunCompletedEventToTheRunsWebhookUrl() {
        String key = newApp();
        Receiver receiver = receiver();
        String secret = call(key, "GET", "/v1/webhooks/secret", null).json().get("secret").asString();

        RunRecord run = finishRun(key, RunStatus.COMPLETED, receiver.url("/hook"));

        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.received().size() == 1);
        Receiver.Request request = receiver.received().getFirst();
        assertThat(request.path()).isEqualTo("/hook");
        assertThat(request.headers()).containsEntry("content-type", "application/json");
        assertThat(StandardWebhooks.verify(secret, request.headers(), request.body(), Instant.now().getEpochSecond(), 300))
                .isTrue();
        JsonNode body = Json.parse(request.body());
        assertThat(body.get("type").asString()).isEqualTo("run.completed");
        JsonNode data = body.get("data");
        assertThat(data.get("runId").asString()).isEqualTo(run.id());
        assertThat(data.get("status").asString()).isEqualTo("completed");
        assertThat(data.get("output").get("image").asString()).isEqualTo("art_1");
        assertThat(data.get("output").get("file").get("url").asString()).as("absolute, from weft.public-url")
                .isEqualTo("https://weft.example.com/v1/artifacts/art_1");
        assertThat(data.get("statusUrl").asString()).isEqualTo("https://weft.example.com/v1/workflows/runs/" + run.id());
        assertThat(data.get("input").get("prompt").asString()).isEqualTo("a cat");
        assertThat(data.get("steps")).hasSize(2);
        assertThat(data.get("steps").get(0).has("output")).as("step outputs are left out").isFalse();
        assertThat(data.get("steps").get(1).get("attempts").asInt()).isEqualTo(2);

        JsonNode delivery = awaitDelivery(key, run.id(), "delivered");
        assertThat(request.headers()).containsEntry("webhook-id", delivery.get("id").asString());
        assertThat(delivery.get("id").asString()).startsWith("msg_");
        assertThat(delivery.get("eventType").asString()).isEqualTo("run.completed");
        assertThat(delivery.get("lastStatusCode").asInt()).isEqualTo(200);
    }

    @Test
    void retriesAfterA500ThenDeliversAndRecordsEveryAttempt() {
        String key = newApp();
        Receiver receiver = receiver().replies(500);

        RunRecord run = finishRun(key, RunStatus.FAILED, receiver.url("/hook"));

        JsonNode listed = awaitDelivery(key, run.id(), "delivered");
        assertThat(listed.get("attemptCount").asInt()).isEqualTo(2);
        JsonNode detail = call(key, "GET", "/v1/webhooks/deliveries/" + listed.get("id").asString(), null).json();
        assertThat(detail.get("attempts")).hasSize(2);
        assertThat(detail.get("attempts").get(0).get("statusCode").asInt()).isEqualTo(500);
        assertThat(detail.get("attempts").get(0).get("error").asString()).contains("HTTP 500");
        assertThat(detail.get("attempts").get(1).get("statusCode").asInt()).isEqualTo(200);
        assertThat(detail.get("payload").get("type").asString()).isEqualTo("run.failed");
        assertThat(receiver.received()).hasSize(2);
        assertThat(receiver.received().get(0).headers().get("webhook-id"))
                .as("a retry carries the same webhook-id so receivers can de-duplicate")
                .isEqualTo(receiver.received().get(1).headers().get("webhook-id"));
    }

    @Test
    void honoursRetryAfterFromA429() {
        String key = newApp();
        Receiver receiver = receiver().reply(429, Map.of("Retry-After", "1"));

        RunRecord run = finishRun(key, RunStatus.COMPLETED, receiver.url("/hook"));

        JsonNode listed = awaitDelivery(key, run.id(), "delivered");
        JsonNode attempts = call(key, "GET", "/v1/webhooks/deliveries/" + listed.get("id").asString(), null)
                .json().get("attempts");
        Instant first = Instant.parse(attempts.get(0).get("at").asString());
        Instant second = Instant.parse(attempts.get(1).get("at").asString());
        assertThat(Duration.between(first, second)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void doesNotRetryAPermanent400() {
        String key = newApp();
        Receiver receiver = receiver().replies(400);

        RunRecord run = finishRun(key, RunStatus.COMPLETED, receiver.url("/hook"));

        JsonNode delivery = awaitDelivery(key, run.id(), "failed");
        assertThat(delivery.get("attemptCount").asInt()).isEqualTo(1);
        assertThat(delivery.get("lastStatusCode").asInt()).isEqualTo(400);
        assertThat(delivery.get("lastError").asString()).contains("HTTP 400", "not retried");
        assertThat(receiver.received()).hasSize(1);
    }

    @Test
    void recordsADeliveryToABlockedAddressAsFailedSayingWhy() {
        String key = newApp();

        RunRecord run = finishRun(key, RunStatus.COMPLETED, "http://10.0.0.1/hook");

        JsonNode delivery = awaitDelivery(key, run.id(), "failed");
        assertThat(delivery.get("attemptCount").asInt()).isEqualTo(1);
        assertThat(delivery.get("lastError").asString()).contains("blocked", "10.0.0.1");
    }

    @Test
    void blocksASubscriptionWhoseHostResolvesToLoopbackWhenNotAllowListed() {
        String key = newApp();
        Receiver receiver = receiver();
        assertThat(call(key, "POST", "/v1/webhooks/subscriptions",
                Map.of("url", "http://localhost:" + receiver.port() + "/hook")).status()).isEqualTo(201);

        RunRecord run = finishRun(key, RunStatus.COMPLETED, null);

        JsonNode delivery = awaitDelivery(key, run.id(), "failed");
        assertThat(delivery.get("lastError").asString()).contains("blocked", "localhost", "loopback");
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void givesUpAfterMaxAttemptsAndCanBeRetriedByHand() {
        String key = newApp();
        Receiver receiver = receiver().replies(503, 503, 503);

        RunRecord run = finishRun(key, RunStatus.COMPLETED, receiver.url("/hook"));

        JsonNode failed = awaitDelivery(key, run.id(), "failed");
        assertThat(failed.get("attemptCount").asInt()).isEqualTo(3);
        assertThat(failed.get("lastError").asString()).contains("gave up after 3 attempts", "HTTP 503");
        String id = failed.get("id").asString();

        Response retried = call(key, "POST", "/v1/webhooks/deliveries/" + id + "/retry", null);

        assertThat(retried.status()).isEqualTo(202);
        assertThat(retried.json().get("status").asString()).isIn("pending", "delivered"); // the worker is woken at once
        JsonNode delivered = awaitDelivery(key, run.id(), "delivered");
        assertThat(delivered.get("attemptCount").asInt()).isEqualTo(4);
        assertThat(call(key, "POST", "/v1/webhooks/deliveries/" + id + "/retry", null).status())
                .as("a delivered delivery is not re-sent").isEqualTo(409);
    }

    @Test
    void writesNothingWhenTheRunsTransactionRollsBack() {
        String key = newApp();
        Receiver receiver = receiver();
        RunRecord run = run(appIdOf(key), RunStatus.COMPLETED, receiver.url("/hook"));

        tx.executeWithoutResult(status -> {
            outbox.onRunFinished(dev.weft.runs.FinishedRun.of(run));
            status.setRollbackOnly();
        });

        assertThat(call(key, "GET", "/v1/webhooks/deliveries?runId=" + run.id(), null).json().get("deliveries")).isEmpty();
    }

    @Test
    void countsDeliveriesByOutcome() {
        String key = newApp();
        Receiver receiver = receiver();
        double before = meters.counter("weft.webhook.deliveries", "outcome", "delivered").count();

        RunRecord run = finishRun(key, RunStatus.COMPLETED, receiver.url("/hook"));

        awaitDelivery(key, run.id(), "delivered");
        assertThat(meters.counter("weft.webhook.deliveries", "outcome", "delivered").count()).isGreaterThan(before);
    }

    @Test
    void filtersDeliveriesByStatusAndRejectsAnUnknownStatus() {
        String key = newApp();
        Receiver ok = receiver();
        Receiver refusing = receiver().thenAlways(410);
        RunRecord delivered = finishRun(key, RunStatus.COMPLETED, ok.url("/ok"));
        RunRecord failed = finishRun(key, RunStatus.COMPLETED, refusing.url("/gone"));
        awaitDelivery(key, delivered.id(), "delivered");
        awaitDelivery(key, failed.id(), "failed");

        Response onlyFailed = call(key, "GET", "/v1/webhooks/deliveries?status=failed&limit=10", null);
        Response unknown = call(key, "GET", "/v1/webhooks/deliveries?status=lost", null);

        assertThat(onlyFailed.json().get("deliveries")).extracting(d -> d.get("runId").asString())
                .containsExactly(failed.id());
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().get("errors").get(0).get("field").asString()).isEqualTo("status");
    }
}
