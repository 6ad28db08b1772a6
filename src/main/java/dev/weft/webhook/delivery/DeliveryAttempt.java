package dev.weft.webhook.delivery;

import java.time.Instant;

/** One try at sending a delivery: the HTTP status if there was a response, otherwise the error. */
public record DeliveryAttempt(int attempt, Instant at, Integer statusCode, String error, long durationMs) {}
