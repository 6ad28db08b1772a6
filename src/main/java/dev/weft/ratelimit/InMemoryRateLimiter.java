package dev.weft.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;

/**
 * Buckets in this process's memory: exact for one process (the embedded mode). Idle buckets are
 * dropped after an hour, which is safe since an idle bucket is full anyway.
 */
public final class InMemoryRateLimiter implements RateLimiter {

    private final Cache<String, TokenBucket> buckets = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterAccess(Duration.ofHours(1))
            .build();

    @Override
    public Verdict acquire(String key, Limit limit, Instant now) {
        double[] available = new double[1];
        buckets.asMap().compute(key, (k, bucket) -> {
            TokenBucket current = bucket == null ? TokenBucket.full(limit, now) : bucket;
            available[0] = current.tokensAt(limit, now);
            return current.take(limit, now);
        });
        return TokenBucket.verdict(limit, available[0]);
    }
}
