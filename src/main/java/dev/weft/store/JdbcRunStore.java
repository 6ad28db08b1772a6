package dev.weft.store;

import dev.weft.engine.Transitions;
import dev.weft.common.Dialect;
import static dev.weft.store.Rows.ts;

import dev.weft.common.Json;
import dev.weft.common.Ids;
import dev.weft.engine.Decision;
import dev.weft.engine.StepStatus;
import java.time.Duration;
import java.time.Instant;
import dev.weft.engine.RunStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;

/** {@link RunStore} over JDBC; the same SQL runs on H2 (PostgreSQL mode) and PostgreSQL. */
@Repository
public class JdbcRunStore implements RunStore {

    private static final String RUN_COLUMNS = "id, app_id, workflow_slug, workflow_version, definition, status, input, "
            + "output, error, webhook_url, idempotency_key, request_hash, created_at, started_at, finished_at, deadline, "
            + "schedule_id, parent_run_id, parent_step_id, depth, priority, concurrency_key, concurrency_limit, status_reason";
    private static final String STEP_COLUMNS = "step_id, step_type, status, attempt, interruptions, input, output, error, "
            + "status_reason, queued_at, available_at, first_started_at, started_at, finished_at, lease_token, item, child_run_id, "
            + "input_override, attempt_base";

    private static final int RENEW_CHUNK = 500;
    private static final int STEPS_PER_INSERT = 500;

    private final JdbcClient jdbc;
    private final Dialect dialect;
    private final DecisionWriter writer;
    private final HistoryWriter history;

    public JdbcRunStore(JdbcClient jdbc, Dialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
        this.writer = new DecisionWriter(jdbc, this);
        this.history = new HistoryWriter(jdbc);
    }

    @Override
    public void insert(NewRun run) {
        jdbc.sql("INSERT INTO runs (id, app_id, workflow_slug, workflow_version, definition, status, input, webhook_url, "
                        + "idempotency_key, request_hash, created_at, deadline, updated_at, schedule_id, parent_run_id, "
                        + "parent_step_id, depth, priority, concurrency_key, concurrency_limit) "
                        + "VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(run.id(), run.appId(), run.workflowSlug(), run.workflowVersion(), run.definition(),
                        Json.write(run.input()), run.webhookUrl(), run.idempotencyKey(), run.requestHash(),
                        ts(run.createdAt()), ts(run.deadline()), ts(run.createdAt()), run.scheduleId(),
                        run.lineage().parentRunId(), run.lineage().parentStepId(), run.lineage().depth(),
                        run.admission().priority(), run.admission().concurrencyKey(),
                        run.admission().keyed() ? run.admission().concurrencyLimit() : null)
                .update();
        List<NewRun.StepSeed> seeds = run.steps();
        for (int from = 0; from < seeds.size(); from += STEPS_PER_INSERT) {
            List<NewRun.StepSeed> chunk = seeds.subList(from, Math.min(seeds.size(), from + STEPS_PER_INSERT));
            List<Object> params = new ArrayList<>(chunk.size() * 3);
            chunk.forEach(step -> params.addAll(List.of(run.id(), step.stepId(), step.type())));
            jdbc.sql("INSERT INTO run_steps (run_id, step_id, step_type, status) VALUES "
                            + "(?, ?, ?, 'pending'), ".repeat(chunk.size() - 1) + "(?, ?, ?, 'pending')")
                    .params(params)
                    .update();
        }
        appendEvent(run.id(), "run.created", null, null, null, run.createdAt());
    }

    @Override
    public Optional<RunRecord> find(String appId, String runId, boolean withSteps) {
        // By the primary key alone, the app compared here: with both in the WHERE clause, PostgreSQL
        // planning on the statistics of a young table may pick the (app_id, status, id) index and
        // scan every run of the app (seen in the benchmark: 1.4 ms a lookup, growing with the table).
        Optional<RunRecord> run = jdbc.sql("SELECT " + RUN_COLUMNS + " FROM runs WHERE id = ?")
                .param(runId)
                .query((rs, n) -> Rows.run(rs))
                .optional()
                .filter(r -> r.appId().equals(appId));
        return withSteps ? run.map(r -> r.withSteps(steps(r.id()))) : run;
    }

    @Override
    public Optional<RunRecord> findByIdempotencyKey(String appId, String key) {
        return jdbc.sql("SELECT " + RUN_COLUMNS + " FROM runs WHERE app_id = ? AND idempotency_key = ?")
                .params(appId, key)
                .query((rs, n) -> Rows.run(rs))
                .optional();
    }

    @Override
    public Optional<RunRecord> lock(String runId) {
        return jdbc.sql("SELECT " + RUN_COLUMNS + " FROM runs WHERE id = ? FOR UPDATE")
                .param(runId)
                .query((rs, n) -> Rows.run(rs))
                .optional()
                .map(r -> r.withSteps(steps(runId)));
    }

    @Override
    public void replaceInput(String runId, JsonNode input) {
        jdbc.sql("UPDATE runs SET input = ? WHERE id = ?").params(Json.write(input), runId).update();
    }

    @Override
    public void overrideStepInput(String runId, String stepId, JsonNode input) {
        jdbc.sql("UPDATE run_steps SET input_override = ? WHERE run_id = ? AND step_id = ?")
                .params(Json.write(input), runId, stepId).update();
    }

    List<StepRecord> steps(String runId) {
        return jdbc.sql("SELECT " + STEP_COLUMNS + " FROM run_steps WHERE run_id = ?")
                .param(runId)
                .query((rs, n) -> Rows.step(rs))
                .list();
    }

    @Override
    public Applied apply(RunRecord before, List<Decision> decisions, Instant now) {
        return writer.apply(before, decisions, now, null);
    }

    @Override
    public Applied apply(RunRecord before, List<Decision> decisions, Instant now, AttemptInput input) {
        return writer.apply(before, decisions, now, input);
    }

    @Override
    public Optional<ClaimedStep> claim(StepRef ref, String owner, Instant now, Duration lease) {
        // the compare-and-set below only moves a queued step to running: the guard every change passes
        Transitions.checkStep(ref.runId(), ref.stepId(), StepStatus.QUEUED, StepStatus.RUNNING);
        String token = Ids.token(16);
        // one round trip: the compare-and-set and the claimed row's fields
        String update = "UPDATE run_steps u SET status = 'running', attempt = attempt + 1, lease_token = ?, "
                + "lease_owner = ?, lease_until = " + dialect.nowPlusMillis() + ", started_at = ?, "
                + "first_started_at = COALESCE(first_started_at, ?), status_reason = NULL "
                + "WHERE u.run_id = ? AND u.step_id = ? AND u.status = 'queued' AND u.available_at <= ? "
                + "AND EXISTS (SELECT 1 FROM runs r WHERE r.id = u.run_id AND r.status = 'running')";
        Optional<ClaimedStep> claimed = jdbc.sql(dialect.updateReturning(update, "u.step_type, u.attempt, "
                        + "u.first_started_at, u.lease_until, (SELECT r.app_id FROM runs r WHERE r.id = u.run_id) AS app_id"))
                .params(token, owner, lease.toMillis(), ts(now), ts(now), ref.runId(), ref.stepId(), ts(now))
                .query((rs, n) -> new ClaimedStep(ref.runId(), rs.getString("app_id"), ref.stepId(),
                        rs.getString("step_type"), rs.getInt("attempt"), token, Rows.instant(rs, "lease_until"),
                        Rows.instant(rs, "first_started_at")))
                .optional();
        claimed.ifPresent(c -> appendEvent(ref.runId(), "step.started", ref.stepId(), c.attempt(), null, now));
        return claimed;
    }

    @Override
    public void recordInput(StepRef ref, String leaseToken, JsonNode input) {
        jdbc.sql("UPDATE run_steps SET input = ? WHERE run_id = ? AND step_id = ? AND lease_token = ?")
                .params(Json.write(input), ref.runId(), ref.stepId(), leaseToken)
                .update();
    }

    @Override
    public java.util.Set<String> renewLeases(Collection<String> leaseTokens, Duration lease) {
        // one statement per chunk, not one per lease: each is a commit of its own
        List<String> tokens = List.copyOf(leaseTokens);
        java.util.Set<String> renewed = new java.util.HashSet<>();
        for (int from = 0; from < tokens.size(); from += RENEW_CHUNK) {
            List<String> chunk = tokens.subList(from, Math.min(tokens.size(), from + RENEW_CHUNK));
            List<Object> params = new ArrayList<>(chunk.size() + 1);
            params.add(lease.toMillis());
            params.addAll(chunk);
            String in = "(" + "?, ".repeat(chunk.size() - 1) + "?)";
            int updated = jdbc.sql("UPDATE run_steps SET lease_until = " + dialect.nowPlusMillis()
                            + " WHERE status = 'running' AND lease_token IN " + in)
                    .params(params)
                    .update();
            if (updated == chunk.size()) {
                renewed.addAll(chunk);
            } else {
                // some were lost: ask which are still held (rare, so the common case stays one statement)
                renewed.addAll(jdbc.sql("SELECT lease_token FROM run_steps WHERE status = 'running' AND lease_token IN " + in)
                        .params(List.copyOf(chunk)).query(String.class).list());
            }
        }
        return renewed;
    }

    @Override
    public List<ScheduledStep> dueSteps(Instant now, int limit) {
        return jdbc.sql("SELECT s.run_id, s.step_id, s.available_at, r.priority FROM run_steps s JOIN runs r ON r.id = s.run_id "
                        + "WHERE s.status = 'queued' AND s.available_at <= ? AND r.status = 'running' "
                        + "ORDER BY s.available_at LIMIT ?")
                .params(ts(now), limit)
                .query((rs, n) -> new ScheduledStep(new StepRef(rs.getString(1), rs.getString(2)),
                        Rows.instant(rs, "available_at"), rs.getInt(4)))
                .list();
    }

    @Override
    public List<ExpiredLease> expiredLeases(int limit) {
        return runningSteps("lease_until < CURRENT_TIMESTAMP", limit);
    }

    @Override
    public long insertSignal(String runId, String name, JsonNode payload, Instant at) {
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("INSERT INTO run_signals (run_id, name, payload, received_at) VALUES (?, ?, ?, ?)")
                .params(runId, name, payload == null ? null : Json.write(payload), ts(at))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    @Override
    public List<dev.weft.engine.RunState.Signal> unconsumedSignals(String runId) {
        return jdbc.sql("SELECT id, name, payload FROM run_signals WHERE run_id = ? AND consumed_by IS NULL ORDER BY id")
                .param(runId)
                .query((rs, n) -> new dev.weft.engine.RunState.Signal(rs.getLong(1), rs.getString(2),
                        rs.getString(3) == null ? null : Json.parse(rs.getString(3))))
                .list();
    }

    @Override
    public List<StepRef> timedOutWaits(Instant now, int limit) {
        return jdbc.sql("SELECT s.run_id, s.step_id FROM run_steps s JOIN runs r ON r.id = s.run_id "
                        + "WHERE s.status = 'waiting' AND s.available_at <= ? AND r.status = 'running' "
                        + "ORDER BY s.available_at LIMIT ?")
                .params(ts(now), limit)
                .query((rs, n) -> new StepRef(rs.getString(1), rs.getString(2)))
                .list();
    }

    /** Every running step that a worker holds (a forEach step runs through its items, holding no lease). */
    @Override
    public void lockConcurrencyKey(String appId, String key) {
        jdbc.sql("INSERT INTO concurrency_keys (app_id, key_value) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(appId, key).update();
        jdbc.sql("SELECT key_value FROM concurrency_keys WHERE app_id = ? AND key_value = ? FOR UPDATE")
                .params(appId, key).query(String.class).single();
    }

    @Override
    public int runningWithKey(String appId, String key) {
        return jdbc.sql("SELECT count(*) FROM runs WHERE app_id = ? AND concurrency_key = ? AND status = 'running'")
                .params(appId, key).query(Integer.class).single();
    }

    @Override
    public List<String> pendingWithKey(String appId, String key, int limit) {
        // ids are time-ordered (UUIDv7): submission order
        return jdbc.sql("SELECT id FROM runs WHERE app_id = ? AND concurrency_key = ? AND status = 'pending' "
                        + "ORDER BY created_at, id LIMIT ?")
                .params(appId, key, limit).query(String.class).list();
    }

    @Override
    public void waitForSlot(String runId, String reason, Instant at) {
        jdbc.sql("UPDATE runs SET status_reason = ? WHERE id = ?").params(reason, runId).update();
        appendEvent(runId, "run.waiting", null, null, dev.weft.common.Json.object().put("reason", reason), at);
    }

    @Override
    public List<ConcurrencyKey> keysWithWaitingRuns(Instant createdBefore, int limit) {
        return jdbc.sql("SELECT DISTINCT app_id, concurrency_key FROM runs WHERE status = 'pending' "
                        + "AND concurrency_key IS NOT NULL AND created_at < ? LIMIT ?")
                .params(ts(createdBefore), limit)
                .query((rs, n) -> new ConcurrencyKey(rs.getString(1), rs.getString(2)))
                .list();
    }

    @Override
    public List<ChildWait> finishedChildWaits(int limit) {
        return jdbc.sql("SELECT s.run_id, s.step_id, s.child_run_id FROM run_steps s JOIN runs c ON c.id = s.child_run_id "
                        + "WHERE s.status = 'waiting' AND s.child_run_id IS NOT NULL "
                        + "AND c.status IN ('completed', 'failed', 'cancelled') LIMIT ?")
                .param(limit)
                .query((rs, n) -> new ChildWait(new StepRef(rs.getString(1), rs.getString(2)), rs.getString(3)))
                .list();
    }

    @Override
    public List<String> orphanedChildRuns(int limit) {
        return jdbc.sql("SELECT c.id FROM runs c JOIN run_steps s ON s.run_id = c.parent_run_id AND s.step_id = c.parent_step_id "
                        + "WHERE c.status IN ('pending', 'running') AND c.parent_run_id IS NOT NULL "
                        + "AND (s.status IN ('succeeded', 'failed', 'cancelled', 'skipped', 'pending') "
                        + "OR (s.status = 'waiting' AND s.child_run_id <> c.id)) LIMIT ?")
                .param(limit)
                .query((rs, n) -> rs.getString(1))
                .list();
    }

    @Override
    public List<ExpiredLease> allRunningSteps() {
        return runningSteps("lease_token IS NOT NULL", Integer.MAX_VALUE);
    }

    private List<ExpiredLease> runningSteps(String condition, int limit) {
        return jdbc.sql("SELECT run_id, step_id, attempt, lease_token FROM run_steps "
                        + "WHERE status = 'running' AND " + condition + " ORDER BY lease_until LIMIT ?")
                .param(limit)
                .query((rs, n) -> new ExpiredLease(new StepRef(rs.getString(1), rs.getString(2)), rs.getInt(3),
                        rs.getString(4)))
                .list();
    }

    @Override
    public List<String> overdueRuns(Instant now, int limit) {
        return jdbc.sql("SELECT id FROM runs WHERE status IN ('pending', 'running') AND deadline < ? "
                        + "ORDER BY deadline LIMIT ?")
                .params(ts(now), limit)
                .query((rs, n) -> rs.getString(1))
                .list();
    }

    /** Runs accepted but never started (a crash between the insert commit and the start). */
    @Override
    public List<String> stalePendingRuns(Instant createdBefore, int limit) {
        // a run waiting for a concurrency slot is pending on purpose: its key's admissions start it
        return jdbc.sql("SELECT id FROM runs WHERE status = 'pending' AND concurrency_key IS NULL AND created_at < ? "
                        + "ORDER BY created_at LIMIT ?")
                .params(ts(createdBefore), limit)
                .query((rs, n) -> rs.getString(1))
                .list();
    }

    @Override
    public List<RunRecord> list(String appId, RunFilter filter, String afterId, int limit) {
        Query query = listQuery(appId, filter, afterId, limit);
        return jdbc.sql(query.sql()).params(query.params()).query((rs, n) -> Rows.run(rs)).list();
    }

    /** A statement and its parameters. */
    record Query(String sql, List<Object> params) {}

    /**
     * A page of an app's runs, newest first, after a cursor: walks the (app, id) index, or the
     * (app, status, id) one with a status, from the cursor on, never the whole table.
     */
    static Query listQuery(String appId, RunFilter filter, String afterId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + RUN_COLUMNS + " FROM runs WHERE app_id = ?");
        List<Object> params = new ArrayList<>(List.of(appId));
        if (filter.status() != null) {
            sql.append(" AND status = ?");
            params.add(filter.status().wire());
        }
        if (filter.workflowSlug() != null) {
            sql.append(" AND workflow_slug = ?");
            params.add(filter.workflowSlug());
        }
        if (filter.parentRunId() != null) {
            sql.append(" AND parent_run_id = ?");
            params.add(filter.parentRunId());
        }
        if (filter.createdAfter() != null) {
            sql.append(" AND created_at >= ?");
            params.add(ts(filter.createdAfter()));
        }
        if (filter.createdBefore() != null) {
            sql.append(" AND created_at < ?");
            params.add(ts(filter.createdBefore()));
        }
        if (afterId != null) {
            sql.append(" AND id < ?");
            params.add(afterId);
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        params.add(limit);
        return new Query(sql.toString(), params);
    }

    @Override
    public long lastEventId(String runId) {
        return jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM run_events WHERE run_id = ?").param(runId)
                .query(Long.class).single();
    }

    @Override
    public Map<RunStatus, Long> countByStatus(String appId) {
        Map<RunStatus, Long> counts = new java.util.EnumMap<>(RunStatus.class);
        jdbc.sql("SELECT status, COUNT(*) AS n FROM runs WHERE app_id = ? GROUP BY status").param(appId)
                .query((rs, i) -> counts.put(RunStatus.fromWire(rs.getString("status")), rs.getLong("n"))).list();
        return counts;
    }

    @Override
    public List<RunEventRecord> eventsOfRuns(java.util.Collection<String> runIds, long afterId, int limit) {
        if (runIds.isEmpty()) {
            return List.of();
        }
        List<Object> params = new ArrayList<>(runIds);
        params.add(afterId);
        params.add(limit);
        return jdbc.sql("SELECT id, run_id, type, step_id, attempt, data, at FROM run_events WHERE run_id IN ("
                        + "?, ".repeat(runIds.size() - 1) + "?) AND id > ? ORDER BY id LIMIT ?")
                .params(params)
                .query((rs, n) -> new RunEventRecord(rs.getLong("id"), rs.getString("run_id"), rs.getString("type"),
                        rs.getString("step_id"), Rows.integer(rs, "attempt"), Json.parse(rs.getString("data")),
                        Rows.instant(rs, "at")))
                .list();
    }

    @Override
    public List<AppRunEvent> appRunEvents(String appId, long afterId, int limit) {
        return jdbc.sql("SELECT e.id, e.run_id, e.type, e.at, r.workflow_slug, r.workflow_version FROM run_events e "
                        + "JOIN runs r ON r.id = e.run_id WHERE e.id > ? AND r.app_id = ? AND e.type IN "
                        + "('run.created', 'run.waiting', 'run.started', 'run.resumed', 'run.completed', 'run.failed', 'run.cancelled') "
                        + "ORDER BY e.id LIMIT ?")
                .params(afterId, appId, limit)
                .query((rs, n) -> new AppRunEvent(rs.getLong("id"), rs.getString("run_id"), rs.getString("type"),
                        rs.getString("workflow_slug"), Rows.integer(rs, "workflow_version"), Rows.instant(rs, "at")))
                .list();
    }

    @Override
    public long lastEventId() {
        return jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM run_events").query(Long.class).single();
    }

    @Override
    public List<RunEventRecord> events(String runId, long afterId, int limit) {
        return jdbc.sql("SELECT id, run_id, type, step_id, attempt, data, at FROM run_events "
                        + "WHERE run_id = ? AND id > ? ORDER BY id LIMIT ?")
                .params(runId, afterId, limit)
                .query((rs, n) -> new RunEventRecord(rs.getLong("id"), rs.getString("run_id"), rs.getString("type"),
                        rs.getString("step_id"), Rows.integer(rs, "attempt"), Json.parse(rs.getString("data")),
                        Rows.instant(rs, "at")))
                .list();
    }

    @Override
    public void appendEvent(String runId, String type, String stepId, Integer attempt, JsonNode data, Instant at) {
        history.append(runId, type, stepId, attempt, data, at);
    }

}
