package dev.weft.dispatch;

import dev.weft.store.StepRef;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Embedded mode's consumer: takes due steps from the {@link InProcessDispatcher} and has the
 * {@link StepWorker} claim and execute each on a virtual thread, at most
 * {@code weft.engine.max-concurrent-steps} at once.
 */
public class InProcessStepLoop implements SmartLifecycle, LocalContinuation {

    private static final Logger log = LoggerFactory.getLogger(InProcessStepLoop.class);

    private final InProcessDispatcher dispatcher;
    private final StepWorker worker;
    private final Semaphore permits;
    private volatile Thread loop;
    private volatile boolean running;

    public InProcessStepLoop(InProcessDispatcher dispatcher, StepWorker worker, EngineProperties properties) {
        this.dispatcher = dispatcher;
        this.worker = worker;
        this.permits = new Semaphore(properties.maxConcurrentSteps());
    }

    @Override
    public void start() {
        running = true;
        loop = Thread.ofPlatform().name("weft-dispatch").daemon().start(this::takeLoop);
    }

    private void takeLoop() {
        while (running) {
            try {
                StepRef ref = dispatcher.take();
                permits.acquire();
                worker.runAsync(ref, permits::release);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) { // e.g. rejected while shutting down
                permits.release();
                log.error("dispatch loop error", e);
            }
        }
    }

    @Override
    public java.util.Optional<dev.weft.store.ClaimedStep> tryClaim(StepRef ref) {
        if (!running || !permits.tryAcquire()) {
            return java.util.Optional.empty();
        }
        try {
            java.util.Optional<dev.weft.store.ClaimedStep> claim = worker.claimInCurrentTransaction(ref);
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
    public void execute(dev.weft.store.ClaimedStep claim) {
        try {
            worker.executeAsync(claim, permits::release);
        } catch (RuntimeException e) { // rejected while shutting down: the lease expires, recovery requeues it
            permits.release();
            log.warn("could not start step '{}' of run {}", claim.stepId(), claim.runId(), e);
        }
    }

    @Override
    public void release(dev.weft.store.ClaimedStep claim) {
        worker.forget(claim);
        permits.release();
    }

    @Override
    public void stop() {
        running = false;
        if (loop != null) {
            loop.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops taking before the worker stops executing. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 90;
    }
}
