package dev.weft.definition;

import java.time.Duration;

/**
 * Retry rule for one step, as a value. The delay before attempt {@code n + 1} is
 * {@code initialDelay * multiplier^(n-1)}, capped at {@code maxDelay}, then spread by
 * {@code ±jitter} so that many failing runs do not retry in lock-step.
 *
 * @param maxAttempts total attempts including the first (1 = no retry)
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, double multiplier, Duration maxDelay,
                          double jitter) {

    public static final RetryPolicy DEFAULT =
            new RetryPolicy(3, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(60), 0.2);

    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, 1.0, Duration.ZERO, 0.0);

    /**
     * @param failedAttempt the attempt that just failed, starting at 1
     * @param unitRandom    a number in [0, 1) that picks the point in the jitter band
     */
    public Duration delayAfter(int failedAttempt, double unitRandom) {
        double base = initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, failedAttempt - 1));
        double capped = Math.min(base, maxDelay.toMillis());
        double spread = capped * jitter * (2 * unitRandom - 1);
        return Duration.ofMillis(Math.max(0, Math.round(capped + spread)));
    }

    public boolean allowsAnotherAttempt(int attemptsMade) {
        return attemptsMade < maxAttempts;
    }
}
