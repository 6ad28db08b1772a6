package dev.weft.dispatch;

import dev.weft.runs.StepDispatcher;
import dev.weft.store.Admission;
import dev.weft.store.ScheduledStep;
import dev.weft.store.StepRef;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * In-process dispatch for the embedded mode. Steps not yet due wait in a delay queue; due steps
 * wait for an execution slot in a queue ordered by their run's priority (higher first), then by
 * when they became due. Holds hints only; after a restart the maintenance loop refills it from
 * the database.
 */
public class InProcessDispatcher implements StepDispatcher {

    private final DelayQueue<Entry> later = new DelayQueue<>();
    private final PriorityBlockingQueue<Entry> due = new PriorityBlockingQueue<>(64,
            Comparator.comparingInt((Entry e) -> -e.priority).thenComparingLong(e -> e.dueMillis).thenComparingLong(e -> e.seq));
    private final java.util.Set<StepRef> waiting = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final AtomicLong sequence = new AtomicLong();
    private final Clock clock;

    public InProcessDispatcher(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void dispatch(StepRef ref, Instant notBefore) {
        dispatch(new ScheduledStep(ref, notBefore, Admission.DEFAULT_PRIORITY));
    }

    @Override
    public void dispatch(ScheduledStep step) {
        if (waiting.add(step.ref())) { // the maintenance loop re-offers due steps; one entry per step is enough
            Entry entry = new Entry(step.ref(), step.at().toEpochMilli(), step.priority(), sequence.incrementAndGet(), clock);
            if (entry.dueMillis <= clock.millis()) {
                due.put(entry);
            } else {
                later.put(entry);
            }
        }
    }

    /** Blocks until a step is due; of the due ones, the highest priority first. */
    public StepRef take() throws InterruptedException {
        Entry next = takeEntry();
        waiting.remove(next.ref);
        return next.ref;
    }

    /**
     * Blocks until a step is due and an execution slot is free, and returns the step with the slot
     * taken: when every slot is busy, the step waits in the queue with the others, and the one
     * handed out when a slot frees is the highest priority due then. One consumer only.
     */
    public StepRef takeWithSlot(ExecutionSlots slots) throws InterruptedException {
        Entry next = takeEntry();
        if (!slots.tryAcquire()) {
            due.put(next);
            slots.acquire();
            try {
                next = takeEntry();
            } catch (InterruptedException e) {
                slots.release();
                throw e;
            }
        }
        waiting.remove(next.ref);
        return next.ref;
    }

    private Entry takeEntry() throws InterruptedException {
        while (true) {
            for (Entry e = later.poll(); e != null; e = later.poll()) {
                due.put(e);
            }
            Entry next = due.poll(nextWaitMillis(), TimeUnit.MILLISECONDS);
            if (next != null) {
                return next;
            }
        }
    }

    /** How long to wait for a due step before moving steps that fell due: until the next one does. */
    private long nextWaitMillis() {
        Entry head = later.peek();
        return head == null ? 50 : Math.max(1, Math.min(50, head.getDelay(TimeUnit.MILLISECONDS)));
    }

    public int size() {
        return later.size() + due.size();
    }

    private record Entry(StepRef ref, long dueMillis, int priority, long seq, Clock clock) implements Delayed {
        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueMillis - clock.millis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(dueMillis, ((Entry) o).dueMillis);
        }
    }
}
