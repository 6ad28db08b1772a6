package dev.weft.runs;

import dev.weft.engine.RunStatus;
import dev.weft.store.RunRecord;
import java.util.function.Supplier;

/**
 * A run that has just finished, as a {@link RunFinishedListener} sees it inside the finishing
 * transaction: its identity, status and webhook URL at once, its full record (output, error, steps)
 * read only when a listener asks, and then once. Most runs have no webhook to send, and reading the
 * run and its steps back is two statements.
 */
public final class FinishedRun {

    private final String id;
    private final String appId;
    private final RunStatus status;
    private final String webhookUrl;
    private final String concurrencyKey;
    private final Supplier<RunRecord> read;
    private RunRecord details;

    FinishedRun(String id, String appId, RunStatus status, String webhookUrl, String concurrencyKey,
                Supplier<RunRecord> read) {
        this.id = id;
        this.appId = appId;
        this.status = status;
        this.webhookUrl = webhookUrl;
        this.concurrencyKey = concurrencyKey;
        this.read = read;
    }

    /** A run whose full record the caller already has. */
    public static FinishedRun of(RunRecord run) {
        FinishedRun finished = new FinishedRun(run.id(), run.appId(), run.status(), run.webhookUrl(),
                run.admission().concurrencyKey(), () -> run);
        finished.details = run;
        return finished;
    }

    public String id() {
        return id;
    }

    /** The run's concurrency key value, or null. */
    public String concurrencyKey() {
        return concurrencyKey;
    }

    public String appId() {
        return appId;
    }

    public RunStatus status() {
        return status;
    }

    public String webhookUrl() {
        return webhookUrl;
    }

    /** The run as committed by the finishing transaction, with its steps. */
    public RunRecord details() {
        if (details == null) {
            details = read.get();
        }
        return details;
    }
}
