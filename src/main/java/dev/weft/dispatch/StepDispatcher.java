package dev.weft.dispatch;

import dev.weft.store.StepRef;
import java.time.Instant;

/**
 * Tells workers that a step may be ready at {@code notBefore}. May deliver twice or not at all
 * (a crash): the claim in the database makes duplicates harmless and the maintenance loop finds
 * what was never delivered.
 */
public interface StepDispatcher {

    void dispatch(StepRef ref, Instant notBefore);
}
