package dev.weft.webhook.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.weft.common.Json;
import dev.weft.webhook.EventType;
import dev.weft.webhook.Subscription;
import dev.weft.webhook.delivery.Delivery;
import dev.weft.webhook.delivery.DeliveryAttempt;
import dev.weft.webhook.delivery.DeliveryStatus;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** How webhook resources look in the API. */
public final class Views {

    private Views() {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SubscriptionView(String id, String url, List<String> events, String description, Instant createdAt) {
        static SubscriptionView of(Subscription s) {
            return new SubscriptionView(s.id(), s.url(), s.events().stream().map(EventType::wire).toList(),
                    s.description(), s.createdAt());
        }
    }

    /**
     * A delivery; {@code attempts} (the history) and {@code payload} only in the single-delivery view.
     * {@code nextAttemptAt} is set while it waits for a retry.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeliveryView(String id, String runId, String subscriptionId, String url, String eventType,
                        @io.swagger.v3.oas.annotations.media.Schema(allowableValues = {"pending", "delivered", "failed"})
                        String status,
                        int attemptCount, int maxAttempts, Instant nextAttemptAt, Integer lastStatusCode,
                        String lastError, Instant createdAt, Instant deliveredAt, JsonNode payload,
                        List<DeliveryAttempt> attempts) {

        static DeliveryView of(Delivery d) {
            return of(d, null);
        }

        static DeliveryView of(Delivery d, List<DeliveryAttempt> attempts) {
            boolean detail = attempts != null;
            return new DeliveryView(d.id(), d.runId(), d.subscriptionId(), d.url(), d.eventType(), d.status().wire(),
                    d.attempts(), d.maxAttempts(), d.status() == DeliveryStatus.PENDING ? d.nextAttemptAt() : null,
                    d.lastStatusCode(), d.lastError(), d.createdAt(), d.deliveredAt(),
                    detail ? Json.parse(d.payload()) : null, attempts);
        }
    }
}
