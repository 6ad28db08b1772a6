package dev.weft.schedules;

import dev.weft.common.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Schedules in the {@code schedules} table; every read and write of an app's schedule is scoped to the app. */
public class ScheduleStore {

    private static final String COLUMNS = "id, app_id, workflow_slug, workflow_version, input, cron, timezone, overlap, "
            + "enabled, next_fire_at, last_fire_at, last_run_id, last_error, created_at, updated_at";

    private final JdbcClient jdbc;

    public ScheduleStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Schedule s) {
        jdbc.sql("INSERT INTO schedules (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(s.id(), s.appId(), s.workflowSlug(), s.version(), Json.write(s.input()), s.cron(), s.timezone(),
                        s.overlap().wire(), s.enabled(), ts(s.nextFireAt()), ts(s.lastFireAt()), s.lastRunId(),
                        s.lastError(), ts(s.createdAt()), ts(s.updatedAt()))
                .update();
    }

    /** Replaces what a client may change; the fire-time bookkeeping is left to {@link #claim}. */
    boolean update(Schedule s) {
        return jdbc.sql("UPDATE schedules SET workflow_version = ?, input = ?, cron = ?, timezone = ?, overlap = ?, "
                        + "enabled = ?, next_fire_at = ?, updated_at = ? WHERE id = ? AND app_id = ?")
                .params(s.version(), Json.write(s.input()), s.cron(), s.timezone(), s.overlap().wire(), s.enabled(),
                        ts(s.nextFireAt()), ts(s.updatedAt()), s.id(), s.appId())
                .update() == 1;
    }

    Optional<Schedule> find(String appId, String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM schedules WHERE id = ? AND app_id = ?").params(id, appId)
                .query(ScheduleStore::row).optional();
    }

    List<Schedule> list(String appId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM schedules WHERE app_id = ? ORDER BY id").param(appId)
                .query(ScheduleStore::row).list();
    }

    boolean delete(String appId, String id) {
        return jdbc.sql("DELETE FROM schedules WHERE id = ? AND app_id = ?").params(id, appId).update() == 1;
    }

    /** Enabled schedules whose next fire time has come, oldest first. */
    List<Schedule> due(Instant now, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM schedules WHERE enabled = TRUE AND next_fire_at <= ? "
                        + "ORDER BY next_fire_at LIMIT ?")
                .params(ts(now), limit).query(ScheduleStore::row).list();
    }

    /**
     * Takes a fire time: moves {@code next_fire_at} from the value this process read to the next
     * one. Of processes racing for the same fire time exactly one sees {@code true}.
     */
    boolean claim(Schedule s, Instant firedAt, Instant next) {
        return jdbc.sql("UPDATE schedules SET next_fire_at = ?, last_fire_at = ? "
                        + "WHERE id = ? AND enabled = TRUE AND next_fire_at = ?")
                .params(ts(next), ts(firedAt), s.id(), ts(s.nextFireAt()))
                .update() == 1;
    }

    /** What the last fire time did: the run it started, or why it started none. */
    void recordFire(String id, String runId, String error) {
        jdbc.sql("UPDATE schedules SET last_run_id = COALESCE(?, last_run_id), last_error = ? WHERE id = ?")
                .params(runId, error == null ? null : error.length() > 1000 ? error.substring(0, 997) + "..." : error, id)
                .update();
    }

    private static Schedule row(ResultSet rs, int n) throws SQLException {
        int stored = rs.getInt("workflow_version");
        Integer version = rs.wasNull() ? null : stored;
        return new Schedule(rs.getString("id"), rs.getString("app_id"), rs.getString("workflow_slug"),
                version, Json.parse(rs.getString("input")), rs.getString("cron"),
                rs.getString("timezone"), Overlap.fromWire(rs.getString("overlap")).orElse(Overlap.SKIP),
                rs.getBoolean("enabled"), instant(rs, "next_fire_at"), instant(rs, "last_fire_at"),
                rs.getString("last_run_id"), rs.getString("last_error"), instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime ts(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }
}
