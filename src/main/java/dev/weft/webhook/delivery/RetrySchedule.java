package dev.weft.webhook.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When to try again: the configured delay for the attempt (the last one repeating), spread by a
 * random jitter so receivers that were down are not hit by every retry at once. A receiver's
 * {@code Retry-After} replaces the schedule, capped at {@code maxRetryAfter}.
 */
public record RetrySchedule(List<Duration> delays, double jitter, Duration maxRetryAfter, DoubleSupplier random) {

    public RetrySchedule {
        delays = List.copyOf(delays);
        if (delays.isEmpty()) {
            throw new IllegalArgumentException("at least one retry delay is needed");
        }
    }

    /** The delay after failed attempt number {@code attempt} (1-based). */
    public Duration delayAfter(int attempt, Optional<Duration> retryAfter) {
        if (retryAfter.isPresent()) {
            return retryAfter.get().compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter.get();
        }
        Duration base = delays.get(Math.min(Math.max(attempt, 1), delays.size()) - 1);
        double factor = 1 + jitter * (2 * random.getAsDouble() - 1);
        return Duration.ofNanos((long) (base.toNanos() * factor));
    }
}
