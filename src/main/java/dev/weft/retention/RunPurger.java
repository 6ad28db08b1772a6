package dev.weft.retention;

import dev.weft.artifacts.Artifact;
import dev.weft.artifacts.ArtifactStore;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes finished runs and what belongs to them, a batch per transaction. A run is deleted only
 * while it is finished: the batch locks the runs it deletes and checks their status under the
 * lock, so a run resumed a moment before is left alone, and a resume arriving meanwhile waits and
 * then finds no run. Artifacts are deleted first (row, then bytes), outside the transaction.
 */
public class RunPurger {

    private static final String FINISHED = "('completed', 'failed', 'cancelled')";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ArtifactStore artifacts;
    private final int batchSize;

    public RunPurger(JdbcClient jdbc, TransactionTemplate tx, ArtifactStore artifacts, int batchSize) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.artifacts = artifacts;
        this.batchSize = batchSize;
    }

    /**
     * Deletes the app's runs that finished before {@code cutoff} (all its finished runs when null).
     *
     * @return how many runs were deleted
     */
    public int purge(String appId, Instant cutoff) {
        int total = 0;
        while (true) {
            List<String> batch = candidates(appId, cutoff);
            if (batch.isEmpty()) {
                return total;
            }
            for (String runId : batch) {
                deleteArtifacts(appId, runId);
            }
            Integer deleted = tx.execute(status -> deleteLocked(appId, batch, cutoff));
            total += deleted == null ? 0 : deleted;
            if (batch.size() < batchSize) {
                return total;
            }
        }
    }

    private List<String> candidates(String appId, Instant cutoff) {
        return cutoff == null
                ? jdbc.sql("SELECT id FROM runs WHERE app_id = ? AND status IN " + FINISHED + " ORDER BY id LIMIT ?")
                        .params(appId, batchSize).query(String.class).list()
                : jdbc.sql("SELECT id FROM runs WHERE app_id = ? AND status IN " + FINISHED
                                + " AND finished_at < ? ORDER BY finished_at LIMIT ?")
                        .params(appId, cutoff.atOffset(ZoneOffset.UTC), batchSize).query(String.class).list();
    }

    private void deleteArtifacts(String appId, String runId) {
        List<Artifact> page;
        do {
            page = artifacts.list(appId, runId, null, 200);
            page.forEach(artifacts::delete);
        } while (page.size() == 200);
    }

    private int deleteLocked(String appId, List<String> candidates, Instant cutoff) {
        String in = "(" + "?, ".repeat(candidates.size() - 1) + "?)";
        List<Object> params = new java.util.ArrayList<>(candidates);
        params.add(appId);
        // lock, then keep only those still finished (and still old enough) under the lock
        List<String> locked = jdbc.sql("SELECT id, status, finished_at FROM runs WHERE id IN " + in
                        + " AND app_id = ? FOR UPDATE")
                .params(params)
                .query((rs, i) -> {
                    String status = rs.getString("status");
                    var finished = Optional.ofNullable(rs.getObject("finished_at", java.time.OffsetDateTime.class));
                    boolean done = status.equals("completed") || status.equals("failed") || status.equals("cancelled");
                    boolean old = cutoff == null || finished.map(f -> f.toInstant().isBefore(cutoff)).orElse(false);
                    return done && old ? rs.getString("id") : null;
                })
                .list().stream().filter(java.util.Objects::nonNull).toList();
        if (locked.isEmpty()) {
            return 0;
        }
        String ids = "(" + "?, ".repeat(locked.size() - 1) + "?)";
        List<Object> runIds = List.copyOf(locked);
        jdbc.sql("DELETE FROM webhook_delivery_attempts WHERE delivery_id IN "
                + "(SELECT id FROM webhook_deliveries WHERE run_id IN " + ids + ")").params(runIds).update();
        jdbc.sql("DELETE FROM webhook_deliveries WHERE run_id IN " + ids).params(runIds).update();
        jdbc.sql("DELETE FROM artifacts WHERE run_id IN " + ids).params(runIds).update();
        jdbc.sql("DELETE FROM dispatch_outbox WHERE run_id IN " + ids).params(runIds).update();
        jdbc.sql("DELETE FROM run_events WHERE run_id IN " + ids).params(runIds).update();
        jdbc.sql("DELETE FROM run_signals WHERE run_id IN " + ids).params(runIds).update();
        jdbc.sql("DELETE FROM run_steps WHERE run_id IN " + ids).params(runIds).update();
        return jdbc.sql("DELETE FROM runs WHERE id IN " + ids).params(runIds).update();
    }
}
