package dev.weft.runs;

import dev.weft.store.RunRecord;

/**
 * Told, inside the transaction that finished a run, that it completed, failed or was cancelled;
 * what it writes commits or rolls back with the run (the webhook outbox relies on this).
 */
public interface RunFinishedListener {

    void onRunFinished(RunRecord run);
}
