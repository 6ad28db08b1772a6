package dev.weft.dispatch;

import dev.weft.store.StepRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Embedded mode's consumer: takes due steps from the {@link InProcessDispatcher} and has the
 * {@link StepWorker} claim and execute each on a virtual thread, at most
 * {@code weft.engine.max-concurrent-steps} at once.
 */
public class InProcessStepLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InProcessStepLoop.class);

    private final InProcessDispatcher dispatcher;
    private final StepWorker worker;
    private final ExecutionSlots slots;
    private volatile Thread loop;
    private volatile boolean running;

    public InProcessStepLoop(InProcessDispatcher dispatcher, StepWorker worker, ExecutionSlots slots) {
        this.dispatcher = dispatcher;
        this.worker = worker;
        this.slots = slots;
    }

    @Override
    public void start() {
        running = true;
        loop = Thread.ofPlatform().name("weft-dispatch").daemon().start(this::takeLoop);
    }

    private void takeLoop() {
        while (running) {
            StepRef ref;
            try {
                ref = dispatcher.takeWithSlot(slots);
            } catch (InterruptedException e) {
                return;
            }
            try {
                worker.runAsync(ref, slots::release);
            } catch (RuntimeException e) { // e.g. rejected while shutting down
                slots.release();
                log.error("dispatch loop error", e);
            }
        }
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
