package dev.weft.engine;

import java.util.Locale;

/**
 * Lifecycle of one step in a run. {@code pending}: waiting for its dependencies; {@code queued}:
 * ready, waiting for a worker (or for its retry time); {@code running}: claimed by a worker;
 * {@code waiting}: waiting for a signal from outside, holding no worker, thread or slot.
 */
public enum StepStatus {
    PENDING, QUEUED, RUNNING, WAITING, SUCCEEDED, FAILED, SKIPPED, CANCELLED;

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == SKIPPED || this == CANCELLED;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static StepStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
