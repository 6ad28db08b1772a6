package dev.weft.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Key hash to the key's app, scopes and expiry, kept briefly so the request hot path does not query
 * the database each time. Only hits are cached: caching misses would let anyone fill memory with
 * random keys. Revocation and rotation in this process evict at once; another process notices
 * within the time to live. Expiry is checked on every request against the cached expiry time.
 */
final class ApiKeyCache {

    /** A valid key as stored: who it authenticates, until when, and when its use was last written. */
    record CachedKey(AuthenticatedApp app, Instant expiresAt, Instant lastUsedAt) {
        CachedKey usedAt(Instant at) {
            return new CachedKey(app, expiresAt, at);
        }
    }

    private record Entry(CachedKey key, Instant cachedUntil) {}

    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration ttl;
    private final int maxEntries;

    ApiKeyCache(Clock clock, Duration ttl, int maxEntries) {
        this.clock = clock;
        this.ttl = ttl;
        this.maxEntries = maxEntries;
    }

    Optional<CachedKey> get(String keyHash) {
        Entry entry = entries.get(keyHash);
        if (entry == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(entry.cachedUntil())) {
            entries.remove(keyHash, entry);
            return Optional.empty();
        }
        return Optional.of(entry.key());
    }

    void put(String keyHash, CachedKey key) {
        if (entries.size() >= maxEntries) {
            // Crude but bounded: a full cache starts over rather than tracking recency.
            entries.clear();
        }
        entries.put(keyHash, new Entry(key, clock.instant().plus(ttl)));
    }

    /** Replaces a cached key (its last use was written) without extending its time to live. */
    void update(String keyHash, CachedKey key) {
        entries.computeIfPresent(keyHash, (hash, entry) -> new Entry(key, entry.cachedUntil()));
    }

    void evict(String keyHash) {
        entries.remove(keyHash);
    }
}
