package dev.weft.store;

import static dev.weft.store.Rows.ts;

import dev.weft.common.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.JsonNode;

/**
 * Appends to the run history ({@code run_events}). Inside a transaction the entries are held and
 * written just before the commit as one multi-row insert, in the order they were appended: a step's
 * transaction records three or four entries (succeeded, queued, started, ...) and each would
 * otherwise be a round trip of its own. Outside a transaction an entry is written at once.
 */
final class HistoryWriter {

    private static final String INSERT = "INSERT INTO run_events (run_id, type, step_id, attempt, data, at) VALUES ";
    private static final int ROWS_PER_STATEMENT = 200;

    private record Entry(String runId, String type, String stepId, Integer attempt, String data, Instant at) {}

    private final JdbcClient jdbc;

    HistoryWriter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void append(String runId, String type, String stepId, Integer attempt, JsonNode data, Instant at) {
        Entry entry = new Entry(runId, type, stepId, attempt, Json.write(data), at);
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            write(List.of(entry));
            return;
        }
        @SuppressWarnings("unchecked")
        List<Entry> pending = (List<Entry>) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            List<Entry> buffer = new ArrayList<>();
            TransactionSynchronizationManager.bindResource(this, buffer);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    // an exception here rolls the transaction back: the history is never missing an entry
                    write(buffer);
                    buffer.clear();
                }

                // a transaction suspended for a new one keeps its entries to itself
                @Override
                public void suspend() {
                    TransactionSynchronizationManager.unbindResourceIfPossible(HistoryWriter.this);
                }

                @Override
                public void resume() {
                    TransactionSynchronizationManager.bindResource(HistoryWriter.this, buffer);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(HistoryWriter.this);
                }
            });
            pending = buffer;
        }
        pending.add(entry);
    }

    private void write(List<Entry> entries) {
        for (int from = 0; from < entries.size(); from += ROWS_PER_STATEMENT) {
            List<Entry> chunk = entries.subList(from, Math.min(entries.size(), from + ROWS_PER_STATEMENT));
            List<Object> params = new ArrayList<>(chunk.size() * 6);
            for (Entry e : chunk) {
                params.addAll(java.util.Arrays.asList(e.runId(), e.type(), e.stepId(), e.attempt(), e.data(), ts(e.at())));
            }
            jdbc.sql(INSERT + "(?, ?, ?, ?, ?, ?), ".repeat(chunk.size() - 1) + "(?, ?, ?, ?, ?, ?)")
                    .params(params)
                    .update();
        }
    }
}
