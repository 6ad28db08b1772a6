package dev.weft.cache;

import dev.weft.common.Json;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Stored step results, per app: looked up by a key hashed from the app, the step type and the
 * resolved input (or the step's own key), reused until they expire, never across apps. Each reuse
 * is recorded for the run view ({@code cached}, where from) and for usage (the cost not spent).
 */
@Component
public class StepResultCache {

    /** A stored result and the step that produced it. */
    public record Entry(JsonNode output, String sourceRunId, String sourceStepId, double costUsd) {}

    /** Where a step's reused output came from. */
    public record Hit(String sourceRunId, String sourceStepId, double savedUsd) {}

    private final JdbcClient jdbc;
    private final Counter hits;
    private final Counter misses;

    public StepResultCache(JdbcClient jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.hits = Counter.builder("weft_step_cache_total").tag("result", "hit")
                .description("step results reused from the cache").register(meters);
        this.misses = Counter.builder("weft_step_cache_total").tag("result", "miss")
                .description("cacheable steps that had to run").register(meters);
    }

    /**
     * The cache key: SHA-256 of the app, the step type and the value the step is keyed on (its
     * resolved input, in which the provider and model are, or its rendered {@code key}).
     */
    public static String key(String appId, String stepType, JsonNode keyedOn) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {appId, stepType, Json.write(keyedOn)}) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** The live entry for the key, counting a hit or a miss. */
    public Optional<Entry> find(String appId, String key, Instant now) {
        Optional<Entry> entry = jdbc.sql("SELECT output, source_run_id, source_step_id, cost_usd FROM step_cache "
                        + "WHERE app_id = ? AND cache_key = ? AND expires_at > ?")
                .params(appId, key, at(now))
                .query((rs, i) -> new Entry(Json.parse(rs.getString("output")), rs.getString("source_run_id"),
                        rs.getString("source_step_id"), rs.getDouble("cost_usd")))
                .optional();
        (entry.isPresent() ? hits : misses).increment();
        return entry;
    }

    /** Stores (or replaces) the result a step produced, reusable for {@code ttl}. */
    public void put(String appId, String key, Entry entry, Instant now, Duration ttl) {
        String output = Json.write(entry.output());
        int updated = jdbc.sql("UPDATE step_cache SET output = ?, source_run_id = ?, source_step_id = ?, cost_usd = ?, "
                        + "created_at = ?, expires_at = ? WHERE app_id = ? AND cache_key = ?")
                .params(output, entry.sourceRunId(), entry.sourceStepId(), entry.costUsd(), at(now), at(now.plus(ttl)),
                        appId, key)
                .update();
        if (updated == 0) {
            try {
                jdbc.sql("INSERT INTO step_cache (app_id, cache_key, output, source_run_id, source_step_id, cost_usd, "
                                + "created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                        .params(appId, key, output, entry.sourceRunId(), entry.sourceStepId(), entry.costUsd(), at(now),
                                at(now.plus(ttl)))
                        .update();
            } catch (DuplicateKeyException raced) {
                // another run stored the same result at the same moment: either copy will do
            }
        }
    }

    /** Records that a run's step reused a stored result (a retry of the same step records it once). */
    public void recordHit(String appId, String runId, String stepId, Entry entry, Instant now) {
        jdbc.sql("DELETE FROM step_cache_hits WHERE run_id = ? AND step_id = ?").params(runId, stepId).update();
        jdbc.sql("INSERT INTO step_cache_hits (run_id, step_id, app_id, source_run_id, source_step_id, saved_usd, hit_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(runId, stepId, appId, entry.sourceRunId(), entry.sourceStepId(), entry.costUsd(), at(now))
                .update();
    }

    /** The run's steps whose output came from the cache. */
    public Map<String, Hit> hits(String runId) {
        Map<String, Hit> found = new LinkedHashMap<>();
        jdbc.sql("SELECT step_id, source_run_id, source_step_id, saved_usd FROM step_cache_hits WHERE run_id = ?")
                .param(runId)
                .query((rs, i) -> found.put(rs.getString("step_id"), hit(rs)))
                .list();
        return found;
    }

    /** What the app did not spend thanks to the cache since {@code since}. */
    public double savedSince(String appId, Instant since) {
        return jdbc.sql("SELECT COALESCE(SUM(saved_usd), 0) FROM step_cache_hits WHERE app_id = ? AND hit_at >= ?")
                .params(appId, at(since)).query(Double.class).single();
    }

    /** Deletes every stored result of the app; answers how many. */
    public int purge(String appId) {
        return jdbc.sql("DELETE FROM step_cache WHERE app_id = ?").param(appId).update();
    }

    /** Deletes expired entries, every ten minutes. */
    @org.springframework.scheduling.annotation.Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    public void expireNow() {
        expire(Instant.now());
    }

    /** Deletes the entries expired at {@code now}. */
    public int expire(Instant now) {
        return jdbc.sql("DELETE FROM step_cache WHERE expires_at <= ?").param(at(now)).update();
    }

    private static Hit hit(ResultSet rs) throws SQLException {
        return new Hit(rs.getString("source_run_id"), rs.getString("source_step_id"), rs.getDouble("saved_usd"));
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
