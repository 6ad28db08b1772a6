package dev.weft.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How 429 and 503 answers are retried: at most {@code maxRetries} times, after the server's
 * {@code Retry-After} (or {@code initialDelay} doubling), never more than {@code maxDelay}, with
 * up to 20% random jitter so that many clients do not come back together.
 */
public record RetryPolicy(int maxRetries, Duration initialDelay, Duration maxDelay) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofMillis(500), Duration.ofSeconds(30));
    public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ZERO, Duration.ZERO);

    public RetryPolicy {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be 0 or more");
        }
    }

    Duration delay(int attempt, Duration retryAfter) {
        long base = retryAfter != null ? retryAfter.toMillis()
                : initialDelay.toMillis() * (1L << Math.min(20, attempt - 1));
        long capped = Math.min(base, maxDelay.toMillis());
        long jitter = capped == 0 ? 0 : ThreadLocalRandom.current().nextLong(capped / 5 + 1);
        return Duration.ofMillis(capped + jitter);
    }
}
