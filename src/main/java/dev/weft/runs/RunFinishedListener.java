package dev.weft.runs;

/**
 * Told, inside the transaction that finished a run, that it completed, failed or was cancelled;
 * what it writes commits or rolls back with the run (the webhook outbox relies on this).
 */
public interface RunFinishedListener {

    void onRunFinished(FinishedRun run);
}
