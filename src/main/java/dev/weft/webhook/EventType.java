package dev.weft.webhook;

import dev.weft.engine.RunStatus;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The events a webhook can carry; {@link #wire()} is the {@code type} receivers see. */
public enum EventType {
    RUN_COMPLETED("run.completed"), RUN_FAILED("run.failed"), RUN_CANCELLED("run.cancelled"),
    STEP_SUCCEEDED("step.succeeded"), STEP_FAILED("step.failed"), STEP_RETRYING("step.retrying"),
    STEP_WAITING("step.waiting"), STEP_SKIPPED("step.skipped"), STEP_CANCELLED("step.cancelled");

    public static final List<EventType> ALL = List.of(values());

    /** What a subscription gets when it names no events: the run-level ones (step events are opted into). */
    public static final List<EventType> RUN_LEVEL = List.of(RUN_COMPLETED, RUN_FAILED, RUN_CANCELLED);

    public boolean isStepLevel() {
        return wire.startsWith("step.");
    }

    private final String wire;

    EventType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<EventType> fromWire(String value) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(value)).findFirst();
    }

    /** The event for a run that reached {@code status}, or empty if it is not final. */
    public static Optional<EventType> forRun(RunStatus status) {
        return switch (status) {
            case COMPLETED -> Optional.of(RUN_COMPLETED);
            case FAILED -> Optional.of(RUN_FAILED);
            case CANCELLED -> Optional.of(RUN_CANCELLED);
            case PENDING, RUNNING -> Optional.empty();
        };
    }
}
