package dev.weft.runs;

import dev.weft.common.ConflictException;
import dev.weft.store.RunRecord;
import dev.weft.store.RunStore;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Concurrency keys: at most {@code limit} runs of an app with the same key value run at once. Every
 * admission under a key takes the key's row lock first, in whatever process, so two submissions
 * never both take the last slot; a run that finds no slot (or older runs still waiting) stays
 * pending with the reason, and when a run with the key ends the oldest waiting ones start as
 * slots allow. The maintenance loop repeats that for keys whose runs have waited past the grace
 * period, so a crash between a run's end and the next admission delays it but loses nothing.
 */
@Component
public class ConcurrencyGate implements RunFinishedListener {

    private static final Logger log = LoggerFactory.getLogger(ConcurrencyGate.class);
    private static final int ADMIT_BATCH = 100;

    private final RunStore store;
    private final RunCoordinator coordinator;
    private final TransactionTemplate tx;

    /** Lazy: the coordinator calls this gate as one of its listeners. */
    private final io.micrometer.core.instrument.MeterRegistry meters;

    public ConcurrencyGate(RunStore store, @Lazy RunCoordinator coordinator, TransactionTemplate tx,
                           io.micrometer.core.instrument.MeterRegistry meters) {
        this.meters = meters;
        this.store = store;
        this.coordinator = coordinator;
        this.tx = tx;
    }

    /**
     * In the transaction that inserted {@code run}: whether it may start now. When it may not, it
     * stays pending and says why.
     */
    boolean admitsNew(RunRecord run) {
        String app = run.appId();
        String key = run.admission().concurrencyKey();
        store.lockConcurrencyKey(app, key);
        int running = store.runningWithKey(app, key);
        List<String> oldest = store.pendingWithKey(app, key, 1); // this run is pending too, and visible here
        boolean first = oldest.isEmpty() || oldest.getFirst().equals(run.id());
        if (running < run.admission().concurrencyLimit() && first) {
            meters.counter("weft.runs.admissions", "outcome", "started").increment();
            return true;
        }
        store.waitForSlot(run.id(), reason(run), run.createdAt());
        meters.counter("weft.runs.admissions", "outcome", "waiting").increment();
        return false;
    }

    static String reason(RunRecord run) {
        return "waiting for a concurrency slot: at most " + run.admission().concurrencyLimit() + " run"
                + (run.admission().concurrencyLimit() == 1 ? "" : "s") + " with concurrency key '"
                + run.admission().concurrencyKey() + "' run at once; this one starts when a slot frees, in submission order";
    }

    /** Starts the oldest runs waiting on the key while it has free slots; its own transaction. */
    public void admitWaiting(String appId, String key) {
        tx.executeWithoutResult(status -> {
            store.lockConcurrencyKey(appId, key);
            int running = store.runningWithKey(appId, key);
            for (String id : store.pendingWithKey(appId, key, ADMIT_BATCH)) {
                RunRecord waiting = store.find(appId, id, false).orElse(null);
                if (waiting == null || running >= waiting.admission().concurrencyLimit()) {
                    return;
                }
                coordinator.start(id);
                running++;
            }
        });
    }

    /**
     * Resumes a failed run; one with a concurrency key only when its key has a free slot (else 409:
     * a failed run cannot go back to waiting).
     */
    public void resume(RunRecord run) {
        resume(run, null, null);
    }

    /** As {@link #resume(RunRecord)}, from a step and with what was changed recorded (see {@link RunResumes}). */
    public void resume(RunRecord run, String from, tools.jackson.databind.JsonNode details) {
        if (!run.admission().keyed()) {
            coordinator.resume(run.id(), from, details);
            return;
        }
        tx.executeWithoutResult(status -> {
            store.lockConcurrencyKey(run.appId(), run.admission().concurrencyKey());
            int running = store.runningWithKey(run.appId(), run.admission().concurrencyKey());
            if (running >= run.admission().concurrencyLimit()) {
                throw new ConflictException("concurrency-limit-reached", "run " + run.id() + " cannot resume now: "
                        + running + " runs with concurrency key '" + run.admission().concurrencyKey()
                        + "' are running, the limit is " + run.admission().concurrencyLimit() + "; try again when one ends");
            }
            coordinator.resume(run.id(), from, details);
        });
    }

    /** A run with a key ended: once that commits, the runs waiting on its key may start. */
    @Override
    public void onRunFinished(FinishedRun run) {
        if (run.concurrencyKey() == null) {
            return;
        }
        Runnable admit = () -> Thread.ofVirtual().name("weft-admit").start(() -> {
            try {
                admitWaiting(run.appId(), run.concurrencyKey());
            } catch (RuntimeException e) {
                log.warn("admitting the runs waiting on a concurrency key failed; the maintenance loop will", e);
            }
        });
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    admit.run();
                }
            });
        } else {
            admit.run();
        }
    }
}
