package dev.weft.engine;

import tools.jackson.databind.JsonNode;

/** Something that happened to a run; the input of {@link Decider#decide}. */
public sealed interface RunEvent {

    /** The run was accepted and should start. */
    record Started() implements RunEvent {}

    /** A worker finished attempt {@code attempt} of a step successfully. */
    record StepSucceeded(String stepId, int attempt, JsonNode output) implements RunEvent {}

    /** A worker's attempt failed; {@code retryAfterMillis} is a provider's hint, or null. */
    record StepFailed(String stepId, int attempt, StepError error, Long retryAfterMillis) implements RunEvent {}

    /** The step asked to run again later without it counting as an attempt ({@code delay}). */
    record StepDeferred(String stepId, int attempt, java.time.Instant until) implements RunEvent {}

    /** An execution was lost (process crash, expired lease) before it reported a result. */
    record StepInterrupted(String stepId, int attempt) implements RunEvent {}

    /** A client asked to cancel. */
    record CancelRequested() implements RunEvent {}

    /**
     * A client asked to resume a run: a failed one from its failed steps, or, with {@code from}, a
     * failed or completed one from that step (it and every step after it run again).
     *
     * @param from    the step to run again from, or null
     * @param details what the client changed and which key asked, recorded in the run's history; or null
     */
    record ResumeRequested(String from, JsonNode details) implements RunEvent {
        public ResumeRequested() {
            this(null, null);
        }
    }

    /** The run's own timeout passed. */
    record DeadlineExceeded() implements RunEvent {}

    /**
     * The run cannot go on for a reason outside its steps (for example a dispatch message for it
     * could not be read); it fails with {@code error}.
     */
    record Aborted(StepError error) implements RunEvent {}

    /**
     * A signal was sent to the run and stored as {@code signalId}; a step waiting on its name takes
     * it, otherwise it stays for a step that waits on it later.
     */
    record SignalReceived(long signalId, String name, tools.jackson.databind.JsonNode payload) implements RunEvent {}

    /** A step waiting for a signal reached its time-out without one. */
    record WaitTimedOut(String stepId) implements RunEvent {}

    /** Attempt {@code attempt} of a {@code workflow} step started the run {@code childRunId} (or found it started). */
    record ChildRunStarted(String stepId, int attempt, String childRunId) implements RunEvent {}

    /**
     * The run {@code childRunId} that a {@code workflow} step waits for finished with {@code status}
     * (completed, failed or cancelled), its output or its error.
     */
    record ChildRunFinished(String stepId, String childRunId, RunStatus status, JsonNode output, StepError error)
            implements RunEvent {}
}
