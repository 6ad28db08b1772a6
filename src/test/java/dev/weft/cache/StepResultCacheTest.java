package dev.weft.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.common.Json;
import dev.weft.testsupport.H2TestDatabase;
import dev.weft.testsupport.PostgresTestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Stored results expire by their TTL (time driven by the test, not waited for), keys differ by
 * app, type and input, and hits and misses are counted; on H2 and on PostgreSQL.
 */
class StepResultCacheTest {

    private void expiresAndCounts(DataSource database) {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        StepResultCache cache = new StepResultCache(JdbcClient.create(database), meters);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String app = "app-" + System.nanoTime();
        var input = Json.parse("{\"prompt\": \"a fox\", \"model\": \"m1\"}");
        String key = StepResultCache.key(app, "text_generate", input);
        assertThat(key).hasSize(64)
                .isNotEqualTo(StepResultCache.key("other-" + app, "text_generate", input))
                .isNotEqualTo(StepResultCache.key(app, "enrich_text", input))
                .isNotEqualTo(StepResultCache.key(app, "text_generate", Json.parse("{\"prompt\": \"a fox\", \"model\": \"m2\"}")));

        assertThat(cache.find(app, key, now)).isEmpty();
        cache.put(app, key, new StepResultCache.Entry(Json.parse("{\"text\": \"hi\"}"), "run-1", "write", 0.25), now,
                Duration.ofHours(1));
        assertThat(cache.find(app, key, now.plus(Duration.ofMinutes(59)))).get()
                .satisfies(e -> {
                    assertThat(e.output().get("text").asString()).isEqualTo("hi");
                    assertThat(e.sourceRunId()).isEqualTo("run-1");
                    assertThat(e.costUsd()).isEqualTo(0.25);
                });
        assertThat(cache.find(app, key, now.plus(Duration.ofHours(1)))).as("expired at its TTL").isEmpty();
        assertThat(cache.find("other-" + app, key, now)).as("never another app's").isEmpty();
        assertThat(meters.counter("weft_step_cache_total", "result", "hit").count()).isEqualTo(1);
        assertThat(meters.counter("weft_step_cache_total", "result", "miss").count()).isEqualTo(3);

        cache.recordHit(app, "run-2", "write", cache.find(app, key, now).orElseThrow(), now);
        assertThat(cache.hits("run-2")).containsKey("write");
        assertThat(cache.savedSince(app, now.minusSeconds(1))).isEqualTo(0.25);
        assertThat(cache.expire(now.plus(Duration.ofHours(2)))).isGreaterThanOrEqualTo(1);
        assertThat(cache.find(app, key, now)).isEmpty();
        assertThat(cache.purge(app)).isZero();
    }

    @Test
    void onH2() {
        expiresAndCounts(H2TestDatabase.migrated());
    }

    @Test
    void onPostgresql() {
        PostgresTestDatabase.assumeAvailable();
        expiresAndCounts(PostgresTestDatabase.migrated());
    }

}
