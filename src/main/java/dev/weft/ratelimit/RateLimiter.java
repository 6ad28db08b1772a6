package dev.weft.ratelimit;

import java.time.Instant;

/** Where token buckets are kept: one process's memory, or the database shared by every process. */
public interface RateLimiter {

    /** Takes one token from the bucket {@code key} (created full when new) if it has one. */
    Verdict acquire(String key, Limit limit, Instant now);
}
