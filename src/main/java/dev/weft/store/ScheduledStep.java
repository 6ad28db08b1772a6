package dev.weft.store;

import java.time.Instant;

/** A step that became ready, the earliest time it may start, and its run's priority (0-9, higher first). */
public record ScheduledStep(StepRef ref, Instant at, int priority) {

    public ScheduledStep(StepRef ref, Instant at) {
        this(ref, at, Admission.DEFAULT_PRIORITY);
    }
}
