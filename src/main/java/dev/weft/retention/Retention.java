package dev.weft.retention;

import dev.weft.auth.AppDirectory;
import dev.weft.auth.UnknownAppException;
import dev.weft.common.InvalidFieldException;
import dev.weft.runs.RunCoordinator;
import dev.weft.vector.VectorIndex;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Apps' retention settings, the periodic purge of runs past them, and deleting an app with all it
 * owns. Deleting an app first revokes its keys (no new work arrives), cancels its unfinished runs
 * (their running steps are stopped), then deletes its runs in batches, then everything else.
 */
public class Retention {

    /** A retention longer than this is a typo rather than a policy. */
    public static final int MAX_DAYS = 3650;

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    private final JdbcClient jdbc;
    private final RunPurger purger;
    private final AppDirectory apps;
    private final RunCoordinator coordinator;
    private final VectorIndex vectors;
    private final RetentionProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;

    public Retention(JdbcClient jdbc, RunPurger purger, AppDirectory apps, RunCoordinator coordinator, VectorIndex vectors,
                     RetentionProperties properties, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.purger = purger;
        this.apps = apps;
        this.coordinator = coordinator;
        this.vectors = vectors;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
    }

    /** The app's own retention in days, or empty when it uses the server default. */
    public OptionalInt retentionDays(String appId) {
        requireApp(appId);
        Integer days = jdbc.sql("SELECT retention_days FROM apps WHERE id = ?").param(appId)
                .query((rs, i) -> (Integer) rs.getObject(1)).optional().orElse(null);
        return days == null ? OptionalInt.empty() : OptionalInt.of(days);
    }

    public int defaultDays() {
        return properties.defaultDays();
    }

    /** @param days 1 to {@value #MAX_DAYS}, or null for the server default */
    public void setRetentionDays(String appId, Integer days) {
        requireApp(appId);
        if (days != null && (days < 1 || days > MAX_DAYS)) {
            throw new InvalidFieldException("days", "must be from 1 to " + MAX_DAYS + ", or null for the server default ("
                    + properties.defaultDays() + ")");
        }
        jdbc.sql("UPDATE apps SET retention_days = ? WHERE id = ?").params(days, appId).update();
    }

    /** One purge pass over every app; returns the runs deleted. */
    public int purgeExpired() {
        Instant now = clock.instant();
        int total = 0;
        List<Object[]> all = jdbc.sql("SELECT id, retention_days FROM apps ORDER BY id")
                .query((rs, i) -> new Object[] {rs.getString(1), rs.getObject(2)}).list();
        for (Object[] app : all) {
            int days = app[1] == null ? properties.defaultDays() : ((Number) app[1]).intValue();
            int purged = purger.purge((String) app[0], now.minus(Duration.ofDays(days)));
            if (purged > 0) {
                log.info("purged {} run(s) of app {} finished more than {} day(s) ago", purged, app[0], days);
                meters.counter("weft.retention.purged.runs").increment(purged);
            }
            total += purged;
        }
        return total;
    }

    /** Deletes the app and everything it owns. */
    public void deleteApp(String appId) {
        requireApp(appId);
        apps.listKeys(appId).forEach(k -> apps.revokeKey(appId, k.id()));
        jdbc.sql("DELETE FROM schedules WHERE app_id = ?").param(appId).update(); // nothing starts new runs
        List<String> unfinished = jdbc.sql("SELECT id FROM runs WHERE app_id = ? AND status IN ('pending', 'running')")
                .param(appId).query(String.class).list();
        unfinished.forEach(coordinator::cancel);
        int runs = purger.purge(appId, null);
        for (var collection : vectors.collections(appId)) {
            List<dev.weft.vector.VectorDocument> page;
            do {
                page = vectors.list(appId, collection.name(), null, 500);
                page.forEach(d -> vectors.delete(appId, collection.name(), d.docId()));
            } while (!page.isEmpty());
        }
        for (String table : List.of("workflow_definitions", "webhook_subscriptions", "webhook_secrets", "provider_keys",
                "provider_usage", "app_budgets", "app_provider_defaults", "vector_documents")) {
            jdbc.sql("DELETE FROM " + table + " WHERE app_id = ?").param(appId).update();
        }
        jdbc.sql("DELETE FROM webhook_delivery_attempts WHERE delivery_id IN (SELECT id FROM webhook_deliveries WHERE app_id = ?)")
                .param(appId).update();
        jdbc.sql("DELETE FROM webhook_deliveries WHERE app_id = ?").param(appId).update();
        List<String> keyIds = jdbc.sql("SELECT id FROM api_keys WHERE app_id = ?").param(appId).query(String.class).list();
        for (String keyId : keyIds) {
            jdbc.sql("DELETE FROM rate_buckets WHERE bucket_key = ?").param("key:" + keyId).update();
        }
        jdbc.sql("DELETE FROM rate_buckets WHERE bucket_key = ?").param("app:" + appId).update();
        jdbc.sql("DELETE FROM api_keys WHERE app_id = ?").param(appId).update();
        jdbc.sql("DELETE FROM apps WHERE id = ?").param(appId).update();
        log.info("deleted app {} with {} run(s) and all its data", appId, runs);
    }

    private void requireApp(String appId) {
        if (!apps.exists(appId)) {
            throw new UnknownAppException(appId);
        }
    }
}
