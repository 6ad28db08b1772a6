package dev.weft.dispatch;

import dev.weft.runs.LocalContinuation;
import dev.weft.store.ClaimedStep;
import dev.weft.store.StepRef;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker process's step slots ({@code weft.engine.max-concurrent-steps}), shared by whatever
 * delivers steps (the in-process loop or the Kafka consumer) and by {@link LocalContinuation}: a
 * slot is taken before a claim and freed when the step's handler returns.
 */
public final class ExecutionSlots implements LocalContinuation {

    private static final Logger log = LoggerFactory.getLogger(ExecutionSlots.class);

    private final StepWorker worker;
    private final Semaphore permits;
    private final boolean continueLocally;

    /** @param continueLocally whether {@link #tryClaim} claims at all (off: every step is dispatched) */
    public ExecutionSlots(StepWorker worker, int slots, boolean continueLocally) {
        this.worker = worker;
        this.permits = new Semaphore(slots);
        this.continueLocally = continueLocally;
    }

    public boolean tryAcquire() {
        return permits.tryAcquire();
    }

    public void acquire() throws InterruptedException {
        permits.acquire();
    }

    public void release() {
        permits.release();
    }

    @Override
    public Optional<ClaimedStep> tryClaim(StepRef ref) {
        if (!continueLocally || !worker.isRunning() || !permits.tryAcquire()) {
            return Optional.empty();
        }
        try {
            Optional<ClaimedStep> claim = worker.claimInCurrentTransaction(ref);
            if (claim.isEmpty()) {
                permits.release();
            }
            return claim;
        } catch (RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    @Override
    public void execute(ClaimedStep claim) {
        try {
            worker.executeAsync(claim, permits::release);
        } catch (RuntimeException e) { // rejected while shutting down: the lease expires, recovery requeues it
            permits.release();
            log.warn("could not start step '{}' of run {}", claim.stepId(), claim.runId(), e);
        }
    }

    @Override
    public void release(ClaimedStep claim) {
        worker.forget(claim);
        permits.release();
    }
}
