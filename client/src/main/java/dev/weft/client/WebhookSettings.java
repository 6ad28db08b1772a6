package dev.weft.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The app's webhook secret, subscriptions and deliveries. ({@link Webhooks#verify} checks a delivery.) */
public final class WebhookSettings {

    /** The signing secret ({@code whsec_...}); after a rotation the previous one keeps signing until {@code previousValidUntil}. */
    public record Secret(String secret, Instant rotatedAt, Instant previousValidUntil) {}

    public record Subscription(String id, String url, List<String> events, String description, Instant createdAt) {}

    public record Delivery(String id, String runId, String subscriptionId, String url, String eventType, String status,
                           int attemptCount, int maxAttempts, Instant nextAttemptAt, Integer lastStatusCode,
                           String lastError, Instant createdAt, Instant deliveredAt, JsonNode payload) {}

    private final Transport transport;

    WebhookSettings(Transport transport) {
        this.transport = transport;
    }

    public Secret secret() {
        return transport.get("/v1/webhooks/secret").as(Secret.class);
    }

    public Secret rotateSecret() {
        return transport.post("/v1/webhooks/secret/rotate", null).as(Secret.class);
    }

    /** Subscribes {@code url} to event types such as {@code run.completed} or {@code step.failed}. */
    public Subscription subscribe(String url, List<String> events, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("url", url);
        body.put("events", events);
        if (description != null) {
            body.put("description", description);
        }
        return transport.post("/v1/webhooks/subscriptions", body).as(Subscription.class);
    }

    public List<Subscription> subscriptions() {
        return transport.get("/v1/webhooks/subscriptions").as(SubscriptionList.class).subscriptions();
    }

    public void unsubscribe(String id) {
        transport.send("DELETE", "/v1/webhooks/subscriptions/" + Transport.segment(id), null, Map.of());
    }

    /** Deliveries, newest first; runId and status (pending, delivered, failed) optional. */
    public List<Delivery> deliveries(String runId, String status, int limit) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("runId", runId);
        params.put("status", status);
        params.put("limit", limit);
        return transport.get("/v1/webhooks/deliveries" + Transport.query(params)).as(DeliveryList.class).deliveries();
    }

    public Delivery delivery(String id) {
        return transport.get("/v1/webhooks/deliveries/" + Transport.segment(id)).as(Delivery.class);
    }

    /** Sends a failed delivery again, with a fresh set of attempts. */
    public Delivery redeliver(String id) {
        return transport.post("/v1/webhooks/deliveries/" + Transport.segment(id) + "/retry", null).as(Delivery.class);
    }

    record SubscriptionList(List<Subscription> subscriptions) {}

    record DeliveryList(List<Delivery> deliveries) {}
}
