package dev.weft.dispatch.kafka;

import dev.weft.store.Admission;
import dev.weft.store.StepRef;
import java.time.Instant;

/**
 * A step message on the steps topic:
 * {@code {"v":1,"runId":…,"stepId":…,"notBefore":…,"priority":…}}, keyed by run id. A hint that the
 * step may be claimed from {@code notBefore} on; {@code priority} (0-9, higher first, the run's) orders
 * the steps a saturated worker holds for its next free slot.
 */
public record StepMessage(String runId, String stepId, Instant notBefore, int priority) {

    public static final int VERSION = 1;

    /** A message at the default priority (a message written before priorities travelled reads as one). */
    public StepMessage(String runId, String stepId, Instant notBefore) {
        this(runId, stepId, notBefore, Admission.DEFAULT_PRIORITY);
    }

    public static StepMessage of(StepRef ref, Instant notBefore, int priority) {
        return new StepMessage(ref.runId(), ref.stepId(), notBefore, priority);
    }

    public StepRef ref() {
        return new StepRef(runId, stepId);
    }
}
