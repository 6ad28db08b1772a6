package dev.weft.webhook.delivery;

import java.time.Instant;

/**
 * One event for one target URL. Its {@code id} is the {@code webhook-id} of every attempt, so a
 * receiver can drop a repeated delivery; {@code payload} is the exact body that is signed and sent.
 */
public record Delivery(String id, String appId, String runId, String subscriptionId, String url, String eventType,
                       String payload, DeliveryStatus status, int attempts, int maxAttempts, Instant nextAttemptAt,
                       Integer lastStatusCode, String lastError, Instant createdAt, Instant deliveredAt) {}
