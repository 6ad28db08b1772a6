package dev.weft.webhook.delivery;

import static dev.weft.webhook.Timestamps.db;
import static dev.weft.webhook.Timestamps.read;

import java.sql.ResultSet;
import java.sql.SQLException;
import dev.weft.common.Dialect;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code webhook_deliveries} and {@code webhook_delivery_attempts}. Methods taking an app id are
 * for the API and see only that app's rows; the others are for the worker.
 */
@Repository
public class DeliveryStore {

    private static final String COLUMNS = """
            SELECT id, app_id, run_id, subscription_id, url, event_type, payload, status, attempts, max_attempts,
                   next_attempt_at, last_status_code, last_error, created_at, delivered_at FROM webhook_deliveries""";

    private final JdbcClient jdbc;
    private final Dialect dialect;

    public DeliveryStore(JdbcClient jdbc, Dialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
    }

    /** Adds a pending delivery due at {@code nextAttemptAt}; joins the caller's transaction. */
    public void insert(Delivery d) {
        jdbc.sql("""
                INSERT INTO webhook_deliveries (id, app_id, run_id, subscription_id, url, event_type, payload, status,
                    attempts, max_attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(d.id(), d.appId(), d.runId(), d.subscriptionId(), d.url(), d.eventType(), d.payload(),
                        d.status().wire(), d.attempts(), d.maxAttempts(), db(d.nextAttemptAt()), db(d.createdAt()))
                .update();
    }

    /** Ids of pending deliveries due at {@code now} and not leased (by the database's clock), oldest due first. */
    public List<String> due(Instant now, int limit) {
        return jdbc.sql("""
                SELECT id FROM webhook_deliveries
                WHERE status = 'pending' AND next_attempt_at <= ?
                  AND (lease_until IS NULL OR lease_until < CURRENT_TIMESTAMP)
                ORDER BY next_attempt_at LIMIT ?""")
                .params(db(now), limit).query(String.class).list();
    }

    /**
     * Reserves a due delivery for this process for {@code lease}, measured by the database's clock;
     * a compare-and-set, so of processes racing for the same delivery exactly one gets {@code true}.
     */
    public boolean claim(String id, Instant now, Duration lease) {
        return jdbc.sql("UPDATE webhook_deliveries SET lease_until = " + dialect.nowPlusMillis() + """
                 WHERE id = ? AND status = 'pending' AND next_attempt_at <= ?
                  AND (lease_until IS NULL OR lease_until < CURRENT_TIMESTAMP)""")
                .params(lease.toMillis(), id, db(now)).update() == 1;
    }

    public Optional<Delivery> find(String id) {
        return jdbc.sql(COLUMNS + " WHERE id = ?").param(id).query(DeliveryStore::row).optional();
    }

    public Optional<Delivery> find(String appId, String id) {
        // by the primary key, the app compared here (see JdbcRunStore.find for why not both in SQL)
        return find(id).filter(d -> d.appId().equals(appId));
    }

    /** Newest first. {@code runId} and {@code status} are optional filters. */
    public List<Delivery> list(String appId, String runId, DeliveryStatus status, int limit) {
        StringBuilder sql = new StringBuilder(COLUMNS).append(" WHERE app_id = ?");
        List<Object> params = new ArrayList<>(List.of(appId));
        if (runId != null) {
            sql.append(" AND run_id = ?");
            params.add(runId);
        }
        if (status != null) {
            sql.append(" AND status = ?");
            params.add(status.wire());
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query(DeliveryStore::row).list();
    }

    public List<DeliveryAttempt> attempts(String deliveryId) {
        return jdbc.sql("""
                SELECT attempt, at, status_code, error, duration_ms FROM webhook_delivery_attempts
                WHERE delivery_id = ? ORDER BY attempt, id""")
                .param(deliveryId)
                .query((rs, n) -> new DeliveryAttempt(rs.getInt("attempt"), read(rs, "at"),
                        (Integer) rs.getObject("status_code", Integer.class), rs.getString("error"),
                        rs.getLong("duration_ms")))
                .list();
    }

    /**
     * Records an attempt and the delivery's new state, releasing the lease. Guarded by the attempt
     * count, so an attempt is counted once even if a lease expired and another process sent too.
     *
     * @return false if the delivery moved on without this attempt (nothing was written)
     */
    @Transactional
    public boolean recordAttempt(String id, DeliveryAttempt attempt, DeliveryStatus status, Instant nextAttemptAt,
                                 Instant deliveredAt) {
        int updated = jdbc.sql("""
                UPDATE webhook_deliveries SET status = ?, attempts = ?, next_attempt_at = ?, lease_until = NULL,
                    last_status_code = ?, last_error = ?, delivered_at = ?
                WHERE id = ? AND status = 'pending' AND attempts = ?""")
                .params(status.wire(), attempt.attempt(), db(nextAttemptAt), attempt.statusCode(),
                        truncate(attempt.error()), db(deliveredAt), id, attempt.attempt() - 1)
                .update();
        if (updated == 0) {
            return false;
        }
        jdbc.sql("""
                INSERT INTO webhook_delivery_attempts (delivery_id, attempt, at, status_code, error, duration_ms)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(id, attempt.attempt(), db(attempt.at()), attempt.statusCode(), truncate(attempt.error()),
                        attempt.durationMs())
                .update();
        return true;
    }

    /**
     * Puts a failed delivery back in the queue with {@code extraAttempts} more attempts.
     *
     * @return false if the app has no failed delivery with this id
     */
    public boolean requeue(String appId, String id, Instant now, int extraAttempts) {
        return jdbc.sql("""
                UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = ?, lease_until = NULL,
                    max_attempts = attempts + ?
                WHERE id = ? AND app_id = ? AND status = 'failed'""")
                .params(db(now), extraAttempts, id, appId).update() == 1;
    }

    private static String truncate(String error) {
        return error == null || error.length() <= 2000 ? error : error.substring(0, 1997) + "...";
    }

    private static Delivery row(ResultSet rs, int n) throws SQLException {
        return new Delivery(rs.getString("id"), rs.getString("app_id"), rs.getString("run_id"),
                rs.getString("subscription_id"), rs.getString("url"), rs.getString("event_type"),
                rs.getString("payload"), DeliveryStatus.valueOf(rs.getString("status").toUpperCase(java.util.Locale.ROOT)),
                rs.getInt("attempts"), rs.getInt("max_attempts"), read(rs, "next_attempt_at"),
                rs.getObject("last_status_code", Integer.class), rs.getString("last_error"), read(rs, "created_at"),
                read(rs, "delivered_at"));
    }
}
