package dev.weft.auth;

import dev.weft.testsupport.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ApiKeyCacheTest {

    /** A clock the test moves by hand. */
    private static ApiKeyCache.CachedKey key(String appId) {
        return new ApiKeyCache.CachedKey(new AuthenticatedApp(appId), null, null);
    }

    private final ManualClock clock = new ManualClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final ApiKeyCache cache = new ApiKeyCache(clock, Duration.ofSeconds(30), 2);

    @Test
    void forgetsAnEntryWhenItsTimeToLiveHasPassed() {
        cache.put("h1", key("app-1"));

        clock.advance(Duration.ofSeconds(29));
        assertThat(cache.get("h1")).map(k -> k.app().appId()).contains("app-1");
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.get("h1")).isEmpty();
    }

    @Test
    void evictsOnRequest() {
        cache.put("h1", key("app-1"));

        cache.evict("h1");

        assertThat(cache.get("h1")).isEmpty();
    }

    @Test
    void staysWithinItsSizeBound() {
        cache.put("h1", key("a"));
        cache.put("h2", key("b"));
        cache.put("h3", key("c"));

        assertThat(cache.get("h3")).map(k -> k.app().appId()).contains("c");
        assertThat(cache.get("h1")).isEmpty();
    }
}
