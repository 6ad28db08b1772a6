package dev.weft.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Key hash to app id, kept briefly so the request hot path does not query the database each time.
 * Only hits are cached: caching misses would let anyone fill memory with random keys. Revocation
 * in this process evicts at once; another process notices within the time to live.
 */
final class ApiKeyCache {

    private record Entry(String appId, Instant expiresAt) {}

    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration ttl;
    private final int maxEntries;

    ApiKeyCache(Clock clock, Duration ttl, int maxEntries) {
        this.clock = clock;
        this.ttl = ttl;
        this.maxEntries = maxEntries;
    }

    Optional<String> get(String keyHash) {
        Entry entry = entries.get(keyHash);
        if (entry == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(entry.expiresAt())) {
            entries.remove(keyHash, entry);
            return Optional.empty();
        }
        return Optional.of(entry.appId());
    }

    void put(String keyHash, String appId) {
        if (entries.size() >= maxEntries) {
            // Crude but bounded: a full cache starts over rather than tracking recency.
            entries.clear();
        }
        entries.put(keyHash, new Entry(appId, clock.instant().plus(ttl)));
    }

    void evict(String keyHash) {
        entries.remove(keyHash);
    }
}
