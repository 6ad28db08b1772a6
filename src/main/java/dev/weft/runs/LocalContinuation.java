package dev.weft.runs;

import dev.weft.store.ClaimedStep;
import dev.weft.store.StepRef;
import java.util.Optional;

/**
 * Lets the transaction that makes a step ready also claim it for this process, when this process
 * has a free execution slot: the step then starts right after that commit, with no dispatch round
 * trip and no claim transaction of its own. Offered by every process that executes steps
 * (the dispatch package's execution slots); with Kafka it can be turned off ({@code weft.kafka.continue-locally}).
 */
public interface LocalContinuation {

    /**
     * Claims the step inside the caller's transaction if a slot is free; the slot is held until
     * {@link #execute} or {@link #release} is called. The claim comes without its run: the caller,
     * which holds the run's lock, attaches it.
     */
    Optional<ClaimedStep> tryClaim(StepRef ref);

    /** After the commit: execute a claimed step on a virtual thread, then free its slot. */
    void execute(ClaimedStep claim);

    /** The claiming transaction rolled back: free the slot. */
    void release(ClaimedStep claim);
}
