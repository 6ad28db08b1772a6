package dev.weft.store;

import java.time.Instant;

/** A step that became ready, and the earliest time it may start. */
public record ScheduledStep(StepRef ref, Instant at) {}
