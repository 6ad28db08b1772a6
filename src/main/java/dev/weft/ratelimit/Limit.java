package dev.weft.ratelimit;

/**
 * A token bucket's shape: {@code capacity} requests at once, refilled at {@code perSecond}.
 *
 * @param capacity  the burst a client may make after being idle (at least 1)
 * @param perSecond the sustained rate (more than 0)
 */
public record Limit(int capacity, double perSecond) {

    public Limit {
        if (capacity < 1 || !(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("a rate limit needs a capacity of at least 1 and a positive rate");
        }
    }

    /** Seconds an empty bucket takes to fill: the window the limit speaks of. */
    public long windowSeconds() {
        return Math.max(1, (long) Math.ceil(capacity / perSecond));
    }
}
