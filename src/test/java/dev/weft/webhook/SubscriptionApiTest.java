package dev.weft.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.engine.RunStatus;
import dev.weft.store.RunRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SubscriptionApiTest extends WebhookHttpTest {

    @Test
    void createsListsAndDeletesASubscriptionWithAllEventsByDefault() {
        String key = newApp();

        Response created = call(key, "POST", "/v1/webhooks/subscriptions",
                Map.of("url", "https://example.com/hooks", "description", "backend"));

        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(id).startsWith("sub_");
        assertThat(created.json().get("events").valueStream().map(JsonNode::asString))
                .containsExactly("run.completed", "run.failed", "run.cancelled");
        assertThat(call(key, "GET", "/v1/webhooks/subscriptions", null).json().get("subscriptions"))
                .extracting(s -> s.get("id").asString()).containsExactly(id);

        assertThat(call(key, "DELETE", "/v1/webhooks/subscriptions/" + id, null).status()).isEqualTo(204);
        assertThat(call(key, "GET", "/v1/webhooks/subscriptions", null).json().get("subscriptions")).isEmpty();
        assertThat(call(key, "DELETE", "/v1/webhooks/subscriptions/" + id, null).status()).isEqualTo(404);
    }

    @Test
    void rejectsAnInternalOrNonHttpUrlNamingTheField() {
        String key = newApp();

        for (String url : List.of("http://10.0.0.1/", "ftp://example.com/x", "not a url", "http://169.254.169.254/")) {
            Response r = call(key, "POST", "/v1/webhooks/subscriptions", Map.of("url", url));
            assertThat(r.status()).as(url).isEqualTo(422);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo("url");
        }
    }

    @Test
    void rejectsAnUnknownEventNamingItsPosition() {
        Response r = call(newApp(), "POST", "/v1/webhooks/subscriptions",
                Map.of("url", "https://example.com/h", "events", List.of("run.completed", "run.exploded")));

        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo("events[1]");
        assertThat(r.json().get("detail").asString()).contains("run.exploded");
    }

    @Test
    void refusesMoreSubscriptionsThanTheLimit() {
        String key = newApp();
        for (int i = 0; i < 3; i++) {
            assertThat(call(key, "POST", "/v1/webhooks/subscriptions", Map.of("url", "https://example.com/" + i))
                    .status()).isEqualTo(201);
        }

        Response r = call(key, "POST", "/v1/webhooks/subscriptions", Map.of("url", "https://example.com/4"));

        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().get("detail").asString()).contains("at most 3");
    }

    @Test
    void sendsOnlyTheEventsASubscriptionAskedFor() {
        String key = newApp();
        Receiver failures = receiver();
        Receiver everything = receiver();
        call(key, "POST", "/v1/webhooks/subscriptions", Map.of("url", failures.url("/f"), "events", List.of("run.failed")));
        call(key, "POST", "/v1/webhooks/subscriptions", Map.of("url", everything.url("/all")));

        RunRecord completed = finishRun(key, RunStatus.COMPLETED, null);
        RunRecord failed = finishRun(key, RunStatus.FAILED, null);

        awaitDeliveries(key, failed.id(), ds -> ds.size() == 2
                && ds.stream().allMatch(d -> d.get("status").asString().equals("delivered")));
        List<JsonNode> ofCompleted = awaitDeliveries(key, completed.id(),
                ds -> ds.getFirst().get("status").asString().equals("delivered"));
        assertThat(ofCompleted).hasSize(1);
        assertThat(ofCompleted.getFirst().get("url").asString()).isEqualTo(everything.url("/all"));
        assertThat(failures.received()).hasSize(1);
        assertThat(everything.received()).hasSize(2);
    }

    @Test
    void hidesOneAppsSubscriptionsAndDeliveriesFromAnother() {
        String owner = newApp();
        String other = newApp();
        Receiver receiver = receiver();
        String subscriptionId = call(owner, "POST", "/v1/webhooks/subscriptions", Map.of("url", receiver.url("/h")))
                .json().get("id").asString();
        RunRecord run = finishRun(owner, RunStatus.COMPLETED, null);
        String deliveryId = awaitDelivery(owner, run.id(), "delivered").get("id").asString();

        assertThat(call(other, "GET", "/v1/webhooks/deliveries/" + deliveryId, null).status()).isEqualTo(404);
        assertThat(call(other, "POST", "/v1/webhooks/deliveries/" + deliveryId + "/retry", null).status()).isEqualTo(404);
        assertThat(call(other, "GET", "/v1/webhooks/deliveries?runId=" + run.id(), null).json().get("deliveries")).isEmpty();
        assertThat(call(other, "GET", "/v1/webhooks/subscriptions", null).json().get("subscriptions")).isEmpty();
        assertThat(call(other, "DELETE", "/v1/webhooks/subscriptions/" + subscriptionId, null).status()).isEqualTo(404);
        assertThat(call(owner, "GET", "/v1/webhooks/subscriptions", null).json().get("subscriptions")).hasSize(1);
    }
}
