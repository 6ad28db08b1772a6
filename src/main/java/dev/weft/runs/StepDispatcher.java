package dev.weft.runs;

import dev.weft.store.ScheduledStep;
import dev.weft.store.StepRef;
import java.time.Instant;
import java.util.List;

/**
 * Tells workers that a step may be ready at {@code notBefore}. May deliver twice or not at all
 * (a crash): the claim in the database makes duplicates harmless and the maintenance loop finds
 * what was never delivered.
 */
public interface StepDispatcher {

    /**
     * Called inside the transaction that queued the step, so that a dispatcher which needs its
     * intent stored atomically with the state change (a transactional outbox) can write it there.
     */
    default void recordInTransaction(StepRef ref, Instant notBefore) {}

    /** Called after the transaction that queued the step has committed. */
    void dispatch(StepRef ref, Instant notBefore);

    /**
     * As {@link #dispatch(StepRef, Instant)}, with the run's priority; a dispatcher that can order
     * the steps waiting for execution slots hands out higher priorities first.
     */
    default void dispatch(ScheduledStep step) {
        dispatch(step.ref(), step.at());
    }

    /**
     * Steps the maintenance loop found queued and due but not claimed: their dispatch may have been
     * lost. A dispatcher whose messages can sit in a backlog may wait before sending them again.
     */
    default void redispatch(List<ScheduledStep> due, Instant now) {
        due.forEach(this::dispatch);
    }
}
