package dev.weft.dispatch.kafka;

import dev.weft.common.Dialect;
import dev.weft.store.StepRef;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code dispatch_outbox} table: step messages waiting to be published. Written inside the
 * coordinator's transaction; read and deleted by the relay.
 */
public class DispatchOutbox {

    /** A row: the message to publish. */
    public record Entry(long id, StepMessage message) {}

    private final JdbcClient jdbc;
    private final String lockDue;

    public DispatchOutbox(JdbcClient jdbc, Dialect dialect) {
        this.jdbc = jdbc;
        String lock = dialect.forUpdateSkipLocked().isEmpty() ? " FOR UPDATE" : dialect.forUpdateSkipLocked();
        // the run's priority travels with the message (a scalar subquery: the run row is not locked)
        this.lockDue = "SELECT o.id, o.run_id, o.step_id, o.not_before, "
                + "(SELECT r.priority FROM runs r WHERE r.id = o.run_id) AS priority FROM dispatch_outbox o "
                + "WHERE o.not_before <= ? ORDER BY o.id LIMIT ?" + lock;
    }

    public void add(StepRef ref, Instant notBefore, Instant now) {
        jdbc.sql("INSERT INTO dispatch_outbox (run_id, step_id, not_before, created_at) VALUES (?, ?, ?, ?)")
                .params(ref.runId(), ref.stepId(), ts(notBefore), ts(now))
                .update();
    }

    /** Due rows, locked for the caller's transaction (skipping rows another relay holds, on PostgreSQL). */
    public List<Entry> lockDue(Instant now, int limit) {
        return jdbc.sql(lockDue)
                .params(ts(now), limit)
                .query((rs, n) -> new Entry(rs.getLong(1), new StepMessage(rs.getString(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant(), priority(rs.getObject(5, Integer.class)))))
                .list();
    }

    private static int priority(Integer priority) {
        return priority == null ? dev.weft.store.Admission.DEFAULT_PRIORITY : priority;
    }

    public void delete(Collection<Long> ids) {
        if (!ids.isEmpty()) {
            jdbc.sql("DELETE FROM dispatch_outbox WHERE id IN (:ids)").param("ids", ids).update();
        }
    }

    public int size() {
        return jdbc.sql("SELECT COUNT(*) FROM dispatch_outbox").query(Integer.class).single();
    }

    private static OffsetDateTime ts(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
