package dev.weft.dispatch;

import dev.weft.runs.StepDispatcher;
import dev.weft.store.StepRef;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;

/**
 * In-process dispatch for the embedded mode: a delay queue the local worker takes from. Holds
 * hints only; after a restart the maintenance loop refills it from the database.
 */
public class InProcessDispatcher implements StepDispatcher {

    private final DelayQueue<Entry> queue = new DelayQueue<>();
    private final java.util.Set<StepRef> waiting = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Clock clock;

    public InProcessDispatcher(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void dispatch(StepRef ref, Instant notBefore) {
        if (waiting.add(ref)) { // the maintenance loop re-offers due steps; one entry per step is enough
            queue.put(new Entry(ref, notBefore.toEpochMilli(), clock));
        }
    }

    /** Blocks until a step is due. */
    public StepRef take() throws InterruptedException {
        StepRef ref = queue.take().ref;
        waiting.remove(ref);
        return ref;
    }

    public int size() {
        return queue.size();
    }

    private record Entry(StepRef ref, long dueMillis, Clock clock) implements Delayed {
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
