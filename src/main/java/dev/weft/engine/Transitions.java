package dev.weft.engine;

import static dev.weft.engine.RunStatus.CANCELLED;
import static dev.weft.engine.RunStatus.COMPLETED;
import static dev.weft.engine.RunStatus.FAILED;
import static dev.weft.engine.RunStatus.PENDING;
import static dev.weft.engine.RunStatus.RUNNING;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The one table of allowed status changes for runs and steps, and the guard that enforces it.
 * Everything that changes a status goes through {@link #checkRun} or {@link #checkStep}.
 */
public final class Transitions {

    private static final Map<RunStatus, Set<RunStatus>> RUN = new EnumMap<>(RunStatus.class);
    private static final Map<StepStatus, Set<StepStatus>> STEP = new EnumMap<>(StepStatus.class);

    static {
        RUN.put(PENDING, EnumSet.of(RUNNING, FAILED, CANCELLED));
        RUN.put(RUNNING, EnumSet.of(COMPLETED, FAILED, CANCELLED));
        RUN.put(FAILED, EnumSet.of(RUNNING));
        // completed -> running: a resume from a step runs it and what follows again
        RUN.put(COMPLETED, EnumSet.of(RUNNING));
        RUN.put(CANCELLED, EnumSet.noneOf(RunStatus.class));

        // pending -> running: a forEach step starts its items (no worker holds the step itself)
        STEP.put(StepStatus.PENDING, EnumSet.of(StepStatus.QUEUED, StepStatus.RUNNING, StepStatus.WAITING, StepStatus.SKIPPED,
                StepStatus.FAILED, StepStatus.CANCELLED));
        STEP.put(StepStatus.QUEUED, EnumSet.of(StepStatus.RUNNING, StepStatus.CANCELLED));
        // running -> waiting: a workflow step started its child run and waits for it without a worker
        STEP.put(StepStatus.RUNNING, EnumSet.of(StepStatus.SUCCEEDED, StepStatus.FAILED, StepStatus.QUEUED, StepStatus.WAITING,
                StepStatus.CANCELLED));
        STEP.put(StepStatus.WAITING, EnumSet.of(StepStatus.SUCCEEDED, StepStatus.FAILED, StepStatus.CANCELLED));
        STEP.put(StepStatus.FAILED, EnumSet.of(StepStatus.PENDING));
        STEP.put(StepStatus.CANCELLED, EnumSet.of(StepStatus.PENDING));
        // succeeded/skipped -> pending: only a resume from a step, for it and the steps after it
        STEP.put(StepStatus.SUCCEEDED, EnumSet.of(StepStatus.PENDING));
        STEP.put(StepStatus.SKIPPED, EnumSet.of(StepStatus.PENDING));
    }

    private Transitions() {}

    public static boolean allowed(RunStatus from, RunStatus to) {
        return RUN.get(from).contains(to);
    }

    public static boolean allowed(StepStatus from, StepStatus to) {
        return STEP.get(from).contains(to);
    }

    public static void checkRun(String runId, RunStatus from, RunStatus to) {
        if (!allowed(from, to)) {
            throw new IllegalTransitionException("run " + runId + ": illegal transition " + from.wire() + " -> " + to.wire());
        }
    }

    public static void checkStep(String runId, String stepId, StepStatus from, StepStatus to) {
        if (!allowed(from, to)) {
            throw new IllegalTransitionException(
                    "run " + runId + ", step '" + stepId + "': illegal transition " + from.wire() + " -> " + to.wire());
        }
    }

    /** Every allowed step transition, for tests that check each one is exercised. */
    public static Map<StepStatus, Set<StepStatus>> stepTable() {
        return Map.copyOf(STEP);
    }

    public static Map<RunStatus, Set<RunStatus>> runTable() {
        return Map.copyOf(RUN);
    }

    /** A status change that the table does not allow: a bug, reported with run, step, from and to. */
    public static final class IllegalTransitionException extends IllegalStateException {
        public IllegalTransitionException(String message) {
            super(message);
        }
    }
}
