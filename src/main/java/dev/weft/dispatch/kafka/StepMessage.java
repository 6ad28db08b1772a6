package dev.weft.dispatch.kafka;

import dev.weft.store.StepRef;
import java.time.Instant;

/**
 * A step message on the steps topic: {@code {"v":1,"runId":…,"stepId":…,"notBefore":…}}, keyed by
 * run id. A hint that the step may be claimed from {@code notBefore} on.
 */
public record StepMessage(String runId, String stepId, Instant notBefore) {

    public static final int VERSION = 1;

    public static StepMessage of(StepRef ref, Instant notBefore) {
        return new StepMessage(ref.runId(), ref.stepId(), notBefore);
    }

    public StepRef ref() {
        return new StepRef(runId, stepId);
    }
}
