package dev.weft.ratelimit;

import java.time.Duration;
import java.time.Instant;

/**
 * The token bucket arithmetic, shared by every store: a pure function of the stored state, the
 * limit and the time. Time that runs backwards (another process's clock) refills nothing.
 *
 * @param tokens    tokens in the bucket at {@code updatedAt}, possibly fractional
 * @param updatedAt when the bucket was last written
 */
public record TokenBucket(double tokens, Instant updatedAt) {

    /** A bucket seen for the first time: full. */
    public static TokenBucket full(Limit limit, Instant now) {
        return new TokenBucket(limit.capacity(), now);
    }

    /** The tokens the bucket holds at {@code now}. */
    public double tokensAt(Limit limit, Instant now) {
        double elapsed = Math.max(0, Duration.between(updatedAt, now).toNanos() / 1e9);
        return Math.min(limit.capacity(), tokens + elapsed * limit.perSecond());
    }

    /** The state after taking one token at {@code now}, or this bucket refilled to {@code now} when none is left. */
    public TokenBucket take(Limit limit, Instant now) {
        double available = tokensAt(limit, now);
        return new TokenBucket(available >= 1 ? available - 1 : available, later(now));
    }

    /** The verdict on a request, given the tokens available before it. */
    public static Verdict verdict(Limit limit, double available) {
        if (available >= 1) {
            double left = available - 1;
            return new Verdict(true, (long) Math.floor(left), 0, secondsUntil(limit.capacity() - left, limit));
        }
        return new Verdict(false, 0, Math.max(1, secondsUntil(1 - available, limit)),
                secondsUntil(limit.capacity() - available, limit));
    }

    private Instant later(Instant now) {
        return now.isAfter(updatedAt) ? now : updatedAt;
    }

    private static long secondsUntil(double missingTokens, Limit limit) {
        return (long) Math.ceil(Math.max(0, missingTokens) / limit.perSecond());
    }
}
