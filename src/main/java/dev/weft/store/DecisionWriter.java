package dev.weft.store;

import static dev.weft.store.Rows.ts;

import dev.weft.common.Json;
import dev.weft.engine.Decision;
import dev.weft.engine.RunStatus;
import dev.weft.engine.StepError;
import dev.weft.engine.StepStatus;
import dev.weft.engine.Transitions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns the decider's decisions into row changes and history entries, guarding each status change
 * with {@link Transitions}. Runs inside the caller's transaction, under the run's row lock.
 */
final class DecisionWriter {

    private final JdbcClient jdbc;
    private final RunStore store;

    DecisionWriter(JdbcClient jdbc, RunStore store) {
        this.jdbc = jdbc;
        this.store = store;
    }

    /**
     * @param input the input of the attempt whose result the decisions record, stored in the same
     *              statement as a success; null when there is none to store
     */
    RunStore.Applied apply(RunRecord before, List<Decision> decisions, Instant now, RunStore.AttemptInput input) {
        String runId = before.id();
        int priority = before.admission().priority();
        Map<String, Row> rows = new LinkedHashMap<>();
        before.steps().forEach(s -> rows.put(s.stepId(), new Row(s)));
        RunStore.AttemptInput withResult = input != null && decisions.stream().anyMatch(d ->
                d instanceof Decision.RecordSuccess r && r.stepId().equals(input.ref().stepId())) ? input : null;
        if (input != null && withResult == null) {
            // no result statement to carry it: stored on its own
            store.recordInput(input.ref(), input.leaseToken(), input.input());
            rows.get(input.ref().stepId()).input = input.input();
        }
        RunStatus[] runStatus = {before.status()};
        Map<String, StepRecord> steps = new HashMap<>();
        before.steps().forEach(s -> steps.put(s.stepId(), s));
        Map<String, StepStatus> current = new HashMap<>();
        before.steps().forEach(s -> current.put(s.stepId(), s.status()));
        List<ScheduledStep> queued = new ArrayList<>();

        for (Decision d : decisions) {
            switch (d) {
                case Decision.StartRun s -> {
                    run(runId, runStatus, RunStatus.RUNNING);
                    jdbc.sql("UPDATE runs SET status = 'running', started_at = ?, updated_at = ?, status_reason = NULL WHERE id = ?")
                            .params(ts(now), ts(now), runId).update();
                    event(runId, "run.started", null, null, null, now);
                }
                case Decision.QueueStep q -> {
                    step(runId, current, q.stepId(), StepStatus.QUEUED);
                    jdbc.sql("UPDATE run_steps SET status = 'queued', available_at = ?, queued_at = ? "
                                    + "WHERE run_id = ? AND step_id = ?")
                            .params(ts(q.at()), ts(now), runId, q.stepId()).update();
                    rows.get(q.stepId()).queued(q.at(), now);
                    event(runId, "step.queued", q.stepId(), null, null, now);
                    queued.add(new ScheduledStep(new StepRef(runId, q.stepId()), q.at(), priority));
                }
                case Decision.SkipStep s -> {
                    step(runId, current, s.stepId(), StepStatus.SKIPPED);
                    jdbc.sql("UPDATE run_steps SET status = 'skipped', status_reason = ?, finished_at = ? "
                                    + "WHERE run_id = ? AND step_id = ?")
                            .params(truncate(s.reason()), ts(now), runId, s.stepId()).update();
                    Row row = rows.get(s.stepId());
                    row.status = StepStatus.SKIPPED;
                    row.statusReason = truncate(s.reason());
                    row.finishedAt = now;
                    event(runId, "step.skipped", s.stepId(), null, reason(s.reason()), now);
                }
                case Decision.RecordSuccess s -> {
                    step(runId, current, s.stepId(), StepStatus.SUCCEEDED);
                    boolean withInput = withResult != null && withResult.ref().stepId().equals(s.stepId());
                    jdbc.sql("UPDATE run_steps SET status = 'succeeded', output = ?, error = NULL, finished_at = ?, "
                                    + "status_reason = NULL, lease_token = NULL, lease_owner = NULL, lease_until = NULL"
                                    + (withInput ? ", input = ?" : "") + " WHERE run_id = ? AND step_id = ?")
                            .params(withInput
                                    ? List.of(Json.write(s.output()), ts(now), Json.write(withResult.input()), runId, s.stepId())
                                    : List.of(Json.write(s.output()), ts(now), runId, s.stepId()))
                            .update();
                    Row row = rows.get(s.stepId()).finished(StepStatus.SUCCEEDED, now);
                    row.output = s.output();
                    row.error = null;
                    row.statusReason = null;
                    if (withInput) {
                        row.input = withResult.input();
                    }
                    event(runId, "step.succeeded", s.stepId(), steps.get(s.stepId()).attempt(), null, now);
                }
                case Decision.ScheduleRetry r -> {
                    step(runId, current, r.stepId(), StepStatus.QUEUED);
                    jdbc.sql("UPDATE run_steps SET status = 'queued', available_at = ?, error = ?, "
                                    + "status_reason = ?, lease_token = NULL, lease_owner = NULL, lease_until = NULL "
                                    + "WHERE run_id = ? AND step_id = ?")
                            .params(ts(r.at()), Json.write(error(r.error())), "retry scheduled at " + r.at(), runId,
                                    r.stepId()).update();
                    Row row = rows.get(r.stepId()).released(StepStatus.QUEUED);
                    row.availableAt = r.at();
                    row.error = error(r.error());
                    row.statusReason = "retry scheduled at " + r.at();
                    ObjectNode data = error(r.error());
                    data.put("retryAt", r.at().toString());
                    event(runId, "step.retry_scheduled", r.stepId(), steps.get(r.stepId()).attempt(), data, now);
                    queued.add(new ScheduledStep(new StepRef(runId, r.stepId()), r.at(), priority));
                }
                case Decision.RequeueInterrupted r -> {
                    step(runId, current, r.stepId(), StepStatus.QUEUED);
                    jdbc.sql("UPDATE run_steps SET status = 'queued', attempt = attempt - 1, "
                                    + "interruptions = interruptions + 1, available_at = ?, "
                                    + "status_reason = 'requeued after an interrupted execution', "
                                    + "lease_token = NULL, lease_owner = NULL, lease_until = NULL "
                                    + "WHERE run_id = ? AND step_id = ?")
                            .params(ts(now), runId, r.stepId()).update();
                    Row row = rows.get(r.stepId()).released(StepStatus.QUEUED);
                    row.attempt--;
                    row.interruptions++;
                    row.availableAt = now;
                    row.statusReason = "requeued after an interrupted execution";
                    event(runId, "step.interrupted", r.stepId(), steps.get(r.stepId()).attempt(), null, now);
                    queued.add(new ScheduledStep(new StepRef(runId, r.stepId()), now, priority));
                }
                case Decision.DeferStep r -> {
                    step(runId, current, r.stepId(), StepStatus.QUEUED);
                    jdbc.sql("UPDATE run_steps SET status = 'queued', attempt = attempt - 1, available_at = ?, "
                                    + "status_reason = ?, lease_token = NULL, lease_owner = NULL, lease_until = NULL "
                                    + "WHERE run_id = ? AND step_id = ?")
                            .params(ts(r.until()), "waiting until " + r.until(), runId, r.stepId()).update();
                    Row row = rows.get(r.stepId()).released(StepStatus.QUEUED);
                    row.attempt--;
                    row.availableAt = r.until();
                    row.statusReason = "waiting until " + r.until();
                    ObjectNode data = Json.object();
                    data.put("until", r.until().toString());
                    event(runId, "step.deferred", r.stepId(), steps.get(r.stepId()).attempt(), data, now);
                    queued.add(new ScheduledStep(new StepRef(runId, r.stepId()), r.until(), priority));
                }
                case Decision.RecordFailure f -> {
                    step(runId, current, f.stepId(), StepStatus.FAILED);
                    jdbc.sql("UPDATE run_steps SET status = 'failed', error = ?, finished_at = ?, "
                                    + "lease_token = NULL, lease_owner = NULL, lease_until = NULL "
                                    + "WHERE run_id = ? AND step_id = ?")
                            .params(Json.write(error(f.error())), ts(now), runId, f.stepId()).update();
                    rows.get(f.stepId()).finished(StepStatus.FAILED, now).error = error(f.error());
                    event(runId, "step.failed", f.stepId(), steps.get(f.stepId()).attempt(), error(f.error()), now);
                }
                case Decision.CancelStep c -> {
                    // an attempt that was running is recorded as stopped; its worker is told to stop it
                    boolean wasRunning = current.get(c.stepId()) == StepStatus.RUNNING;
                    int attempt = steps.get(c.stepId()).attempt();
                    String reason = wasRunning ? "cancelled while attempt " + attempt + " was running" : null;
                    step(runId, current, c.stepId(), StepStatus.CANCELLED);
                    jdbc.sql("UPDATE run_steps SET status = 'cancelled', finished_at = ?, status_reason = ?, "
                                    + "lease_token = NULL, lease_owner = NULL, lease_until = NULL "
                                    + "WHERE run_id = ? AND step_id = ?")
                            .params(ts(now), reason, runId, c.stepId()).update();
                    Row row = rows.get(c.stepId()).finished(StepStatus.CANCELLED, now);
                    row.statusReason = reason;
                    ObjectNode data = null;
                    if (wasRunning) {
                        data = Json.object();
                        data.put("attemptStopped", true);
                    }
                    event(runId, "step.cancelled", c.stepId(), wasRunning ? attempt : null, data, now);
                }
                case Decision.ResetStep r -> {
                    step(runId, current, r.stepId(), StepStatus.PENDING);
                    jdbc.sql("UPDATE run_steps SET status = 'pending', attempt_base = attempt, interruptions = 0, output = NULL, "
                                    + "error = NULL, status_reason = NULL, input = NULL, available_at = NULL, "
                                    + "queued_at = NULL, first_started_at = NULL, started_at = NULL, finished_at = NULL, "
                                    + "child_run_id = NULL "
                                    + "WHERE run_id = ? AND step_id = ?")
                            .params(runId, r.stepId()).update();
                    rows.get(r.stepId()).reset();
                    event(runId, "step.reset", r.stepId(), null, null, now);
                }
                case Decision.CompleteRun c -> {
                    run(runId, runStatus, RunStatus.COMPLETED);
                    jdbc.sql("UPDATE runs SET status = 'completed', output = ?, finished_at = ?, updated_at = ? WHERE id = ?")
                            .params(Json.write(c.output()), ts(now), ts(now), runId).update();
                    event(runId, "run.completed", null, null, null, now);
                }
                case Decision.FailRun f -> {
                    run(runId, runStatus, RunStatus.FAILED);
                    jdbc.sql("UPDATE runs SET status = 'failed', error = ?, finished_at = ?, updated_at = ? WHERE id = ?")
                            .params(Json.write(error(f.error())), ts(now), ts(now), runId).update();
                    event(runId, "run.failed", null, null, error(f.error()), now);
                }
                case Decision.CancelRun c -> {
                    run(runId, runStatus, RunStatus.CANCELLED);
                    jdbc.sql("UPDATE runs SET status = 'cancelled', finished_at = ?, updated_at = ? WHERE id = ?")
                            .params(ts(now), ts(now), runId).update();
                    event(runId, "run.cancelled", null, null, null, now);
                }
                case Decision.AwaitSignal a -> {
                    step(runId, current, a.stepId(), StepStatus.WAITING);
                    String reason = "waiting for signal '" + a.signal() + "' until " + a.until();
                    // the end of the wait in available_at, so the due-steps index finds the waits that time out
                    jdbc.sql("UPDATE run_steps SET status = 'waiting', available_at = ?, queued_at = ?, status_reason = ? "
                                    + "WHERE run_id = ? AND step_id = ?")
                            .params(ts(a.until()), ts(now), reason, runId, a.stepId()).update();
                    Row row = rows.get(a.stepId());
                    row.status = StepStatus.WAITING;
                    row.availableAt = a.until();
                    row.queuedAt = now;
                    row.statusReason = reason;
                    ObjectNode data = Json.object();
                    data.put("signal", a.signal());
                    data.put("until", a.until().toString());
                    event(runId, "step.waiting", a.stepId(), null, data, now);
                }
                case Decision.AwaitChildRun a -> {
                    step(runId, current, a.stepId(), StepStatus.WAITING);
                    String reason = "waiting for run " + a.childRunId();
                    // no end of the wait in available_at: the child's own time-out bounds it
                    jdbc.sql("UPDATE run_steps SET status = 'waiting', child_run_id = ?, available_at = NULL, "
                                    + "status_reason = ?, lease_token = NULL, lease_owner = NULL, lease_until = NULL "
                                    + "WHERE run_id = ? AND step_id = ?")
                            .params(a.childRunId(), reason, runId, a.stepId()).update();
                    Row row = rows.get(a.stepId()).released(StepStatus.WAITING);
                    row.childRunId = a.childRunId();
                    row.availableAt = null;
                    row.statusReason = reason;
                    ObjectNode data = Json.object();
                    data.put("childRunId", a.childRunId());
                    event(runId, "step.waiting", a.stepId(), steps.get(a.stepId()).attempt(), data, now);
                }
                case Decision.ConsumeSignal c -> {
                    jdbc.sql("UPDATE run_signals SET consumed_by = ?, consumed_at = ? WHERE id = ? AND run_id = ?")
                            .params(c.stepId(), ts(now), c.signalId(), runId).update();
                    ObjectNode data = Json.object();
                    data.put("signalId", c.signalId());
                    event(runId, "signal.consumed", c.stepId(), null, data, now);
                }
                case Decision.DropItems drop -> {
                    for (int from = 0; from < drop.itemIds().size(); from += ITEMS_PER_INSERT) {
                        List<String> chunk = drop.itemIds().subList(from, Math.min(drop.itemIds().size(), from + ITEMS_PER_INSERT));
                        List<Object> params = new ArrayList<>(chunk.size() + 1);
                        params.add(runId);
                        params.addAll(chunk);
                        jdbc.sql("DELETE FROM run_steps WHERE run_id = ? AND step_id IN ("
                                        + "?, ".repeat(chunk.size() - 1) + "?)")
                                .params(params).update();
                    }
                    drop.itemIds().forEach(id -> {
                        rows.remove(id);
                        current.remove(id);
                    });
                }
                case Decision.ExpandItems e -> {
                    step(runId, current, e.stepId(), StepStatus.RUNNING);
                    Row parent = rows.get(e.stepId());
                    boolean resumed = e.items().isEmpty() && rows.keySet().stream().anyMatch(id ->
                            dev.weft.engine.FanOut.isItem(id) && dev.weft.engine.FanOut.stepOf(id).equals(e.stepId()));
                    String reason = resumed ? "running its items again"
                            : "running " + e.items().size() + " item" + (e.items().size() == 1 ? "" : "s");
                    jdbc.sql("UPDATE run_steps SET status = 'running', queued_at = ?, started_at = ?, "
                                    + "first_started_at = COALESCE(first_started_at, ?), status_reason = ? "
                                    + "WHERE run_id = ? AND step_id = ?")
                            .params(ts(now), ts(now), ts(now), reason, runId, e.stepId()).update();
                    parent.status = StepStatus.RUNNING;
                    parent.queuedAt = now;
                    parent.startedAt = now;
                    parent.firstStartedAt = parent.firstStartedAt == null ? now : parent.firstStartedAt;
                    parent.statusReason = reason;
                    insertItems(runId, parent.type, e, rows, steps, current);
                    ObjectNode data = Json.object();
                    data.put("items", e.items().size());
                    event(runId, resumed ? "step.items_resumed" : "step.items_expanded", e.stepId(), null, data, now);
                }
                case Decision.ReopenRun r -> {
                    run(runId, runStatus, RunStatus.RUNNING);
                    jdbc.sql("UPDATE runs SET status = 'running', error = NULL, output = NULL, finished_at = NULL, "
                                    + "deadline = ?, updated_at = ? WHERE id = ?")
                            .params(ts(r.deadline()), ts(now), runId).update();
                    event(runId, "run.resumed", null, null, r.details(), now);
                }
            }
        }
        return new RunStore.Applied(queued, rows.values().stream().map(Row::record).toList());
    }

    private static final int ITEMS_PER_INSERT = 250;

    /** The items as pending rows, in multi-row statements (a fan-out of 1,000 items is four of them). */
    private void insertItems(String runId, String type, Decision.ExpandItems e, Map<String, Row> rows,
                             Map<String, StepRecord> steps, Map<String, StepStatus> current) {
        List<JsonNode> items = e.items();
        for (int from = 0; from < items.size(); from += ITEMS_PER_INSERT) {
            int to = Math.min(items.size(), from + ITEMS_PER_INSERT);
            List<Object> params = new ArrayList<>((to - from) * 4);
            for (int i = from; i < to; i++) {
                params.addAll(List.of(runId, dev.weft.engine.FanOut.itemId(e.stepId(), i), type, Json.write(items.get(i))));
            }
            jdbc.sql("INSERT INTO run_steps (run_id, step_id, step_type, status, item) VALUES "
                            + "(?, ?, ?, 'pending', ?), ".repeat(to - from - 1) + "(?, ?, ?, 'pending', ?)")
                    .params(params)
                    .update();
        }
        for (int i = 0; i < items.size(); i++) {
            StepRecord record = new StepRecord(dev.weft.engine.FanOut.itemId(e.stepId(), i), type, StepStatus.PENDING,
                    0, 0, null, null, null, null, null, null, null, null, null, null, items.get(i));
            rows.put(record.stepId(), new Row(record));
            steps.put(record.stepId(), record);
            current.put(record.stepId(), StepStatus.PENDING);
        }
    }

    /**
     * A step's columns as this transaction leaves them, changed alongside each statement, so that
     * the caller need not read the steps back.
     */
    private static final class Row {
        final String stepId;
        final String type;
        StepStatus status;
        int attempt;
        int interruptions;
        JsonNode input;
        JsonNode output;
        JsonNode error;
        String statusReason;
        Instant queuedAt;
        Instant availableAt;
        Instant firstStartedAt;
        Instant startedAt;
        Instant finishedAt;
        String leaseToken;
        final JsonNode item;
        String childRunId;
        JsonNode inputOverride;
        int attemptBase;

        Row(StepRecord r) {
            stepId = r.stepId();
            type = r.type();
            status = r.status();
            attempt = r.attempt();
            interruptions = r.interruptions();
            input = r.input();
            output = r.output();
            error = r.error();
            statusReason = r.statusReason();
            queuedAt = r.queuedAt();
            availableAt = r.availableAt();
            firstStartedAt = r.firstStartedAt();
            startedAt = r.startedAt();
            finishedAt = r.finishedAt();
            leaseToken = r.leaseToken();
            item = r.item();
            childRunId = r.childRunId();
            inputOverride = r.inputOverride();
            attemptBase = r.attemptBase();
        }

        void queued(Instant at, Instant now) {
            status = StepStatus.QUEUED;
            availableAt = at;
            queuedAt = now;
        }

        /** The lease columns cleared, as every statement that ends or hands back an attempt does. */
        Row released(StepStatus to) {
            status = to;
            leaseToken = null;
            return this;
        }

        Row finished(StepStatus to, Instant now) {
            finishedAt = now;
            return released(to);
        }

        /** Back to pending for a resume: the attempt number carries on, the retry policy counts from it. */
        Row reset() {
            status = StepStatus.PENDING;
            attemptBase = attempt;
            interruptions = 0;
            output = null;
            error = null;
            statusReason = null;
            input = null;
            availableAt = null;
            queuedAt = null;
            firstStartedAt = null;
            startedAt = null;
            finishedAt = null;
            childRunId = null;
            return this;
        }

        StepRecord record() {
            return new StepRecord(stepId, type, status, attempt, interruptions, input, output, error, statusReason,
                    queuedAt, availableAt, firstStartedAt, startedAt, finishedAt, leaseToken, item, childRunId,
                    inputOverride, attemptBase);
        }
    }

    private static void run(String runId, RunStatus[] current, RunStatus to) {
        Transitions.checkRun(runId, current[0], to);
        current[0] = to;
    }

    private static void step(String runId, Map<String, StepStatus> current, String stepId, StepStatus to) {
        Transitions.checkStep(runId, stepId, current.get(stepId), to);
        current.put(stepId, to);
    }

    private void event(String runId, String type, String stepId, Integer attempt, JsonNode data, Instant now) {
        store.appendEvent(runId, type, stepId, attempt, data, now);
    }

    static ObjectNode error(StepError e) {
        ObjectNode node = Json.object();
        node.put("code", e.code());
        node.put("message", e.message());
        node.put("retryable", e.retryable());
        return node;
    }

    private static ObjectNode reason(String reason) {
        ObjectNode node = Json.object();
        node.put("reason", reason);
        return node;
    }

    private static String truncate(String s) {
        return s.length() > 1000 ? s.substring(0, 997) + "..." : s;
    }
}
