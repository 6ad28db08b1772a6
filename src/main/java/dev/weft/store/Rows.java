package dev.weft.store;

import dev.weft.common.Json;
import dev.weft.engine.RunStatus;
import dev.weft.engine.StepStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** Row mapping shared by the JDBC stores. */
final class Rows {

    private Rows() {}

    static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static Integer integer(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    static RunRecord run(ResultSet rs) throws SQLException {
        return new RunRecord(rs.getString("id"), rs.getString("app_id"), rs.getString("workflow_slug"),
                integer(rs, "workflow_version"), rs.getString("definition"), RunStatus.fromWire(rs.getString("status")),
                Json.parse(rs.getString("input")), Json.parse(rs.getString("output")), Json.parse(rs.getString("error")),
                rs.getString("webhook_url"), rs.getString("idempotency_key"), rs.getString("request_hash"),
                instant(rs, "created_at"), instant(rs, "started_at"), instant(rs, "finished_at"),
                instant(rs, "deadline"), rs.getString("schedule_id"),
                new Lineage(rs.getString("parent_run_id"), rs.getString("parent_step_id"), rs.getInt("depth")),
                new Admission(rs.getInt("priority"), rs.getString("concurrency_key"), rs.getInt("concurrency_limit"),
                        rs.getString("status_reason")),
                List.of());
    }

    static StepRecord step(ResultSet rs) throws SQLException {
        return new StepRecord(rs.getString("step_id"), rs.getString("step_type"), StepStatus.fromWire(rs.getString("status")),
                rs.getInt("attempt"), rs.getInt("interruptions"), Json.parse(rs.getString("input")),
                Json.parse(rs.getString("output")), Json.parse(rs.getString("error")), rs.getString("status_reason"),
                instant(rs, "queued_at"), instant(rs, "available_at"), instant(rs, "first_started_at"),
                instant(rs, "started_at"), instant(rs, "finished_at"), rs.getString("lease_token"),
                Json.parse(rs.getString("item")), rs.getString("child_run_id"), Json.parse(rs.getString("input_override")),
                rs.getInt("attempt_base"));
    }
}
