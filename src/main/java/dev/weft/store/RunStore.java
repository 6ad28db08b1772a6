package dev.weft.store;

import dev.weft.engine.Decision;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The engine's storage port. Every method that changes state is meant to run inside the caller's
 * transaction; {@link #lock} takes the run's row lock so that one run's events are decided one at
 * a time, whichever process handles them.
 */
public interface RunStore {

    void insert(NewRun run);

    Optional<RunRecord> find(String appId, String runId, boolean withSteps);

    Optional<RunRecord> findByIdempotencyKey(String appId, String key);

    /** Locks the run row and returns the run with its steps. */
    Optional<RunRecord> lock(String runId);

    /** Replaces a run's input (a resume with a fix; the caller holds the run's lock). */
    void replaceInput(String runId, JsonNode input);

    /** Gives a step an input to use instead of rendering its template (a resume with a fix; the caller holds the lock). */
    void overrideStepInput(String runId, String stepId, JsonNode input);

    /** Applies decisions to the rows and appends them to the history. */
    Applied apply(RunRecord before, List<Decision> decisions, Instant now);

    /**
     * {@link #apply} that also stores the input an attempt was given ({@link #recordInput}), written
     * with the attempt's result where the store can; the steps it returns carry that input.
     */
    Applied apply(RunRecord before, List<Decision> decisions, Instant now, AttemptInput input);

    /**
     * Compare-and-set queued → running with a new lease of {@code lease} by the database's clock;
     * empty when someone else has it or it is not due at {@code now}.
     */
    Optional<ClaimedStep> claim(StepRef ref, String owner, Instant now, Duration lease);

    /** Stores the input a worker rendered for an attempt (for the run view and debugging). */
    void recordInput(StepRef ref, String leaseToken, JsonNode input);

    /**
     * Extends running steps' leases to {@code lease} from now by the database's clock.
     *
     * @return the tokens renewed; a token missing from it no longer holds its step (the step was
     *     cancelled, or its lease ran out and the step was handed to another attempt), so whoever
     *     executes it should stop
     */
    java.util.Set<String> renewLeases(Collection<String> leaseTokens, Duration lease);

    List<ScheduledStep> dueSteps(Instant now, int limit);

    /** Steps whose lease ran out by the database's clock: {@code (ref, attempt, token)}. */
    List<ExpiredLease> expiredLeases(int limit);

    /** Runs still pending or running whose deadline is before {@code now}. */
    List<String> overdueRuns(Instant now, int limit);

    /** Runs accepted before {@code createdBefore} but never started (a crash between accepting and starting). */
    List<String> stalePendingRuns(Instant createdBefore, int limit);

    /**
     * Every running step a worker holds, whatever its lease: after a restart of the only process,
     * none of them still executes. A running {@code forEach} step holds no lease and is not listed.
     */
    List<ExpiredLease> allRunningSteps();

    List<RunRecord> list(String appId, RunFilter filter, String afterId, int limit);

    /** How many of the app's runs are in each status (statuses without runs left out); from the (app, status) index. */
    Map<dev.weft.engine.RunStatus, Long> countByStatus(String appId);

    /** Stores a signal sent to the run, unconsumed; returns its id. */
    long insertSignal(String runId, String name, JsonNode payload, Instant at);

    /** The run's signals no step has consumed, oldest first. */
    List<dev.weft.engine.RunState.Signal> unconsumedSignals(String runId);

    /** Steps waiting for a signal whose wait ended before {@code now}, in running runs. */
    List<StepRef> timedOutWaits(Instant now, int limit);

    /** {@code workflow} steps still waiting for a child run that has finished (its news was lost). */
    List<ChildWait> finishedChildWaits(int limit);

    /**
     * Open child runs whose parent step no longer waits for them: it finished, was cancelled or
     * reset, or waits for another child. A step still running or queued may yet take its child.
     */
    List<String> orphanedChildRuns(int limit);

    /**
     * Takes the lock of an app's concurrency key value until the caller's transaction ends:
     * admissions under one key happen one at a time, in whatever process.
     */
    void lockConcurrencyKey(String appId, String key);

    /** Runs of the app with that key value that are running. */
    int runningWithKey(String appId, String key);

    /** The oldest pending runs of the app with that key value, in submission order. */
    List<String> pendingWithKey(String appId, String key, int limit);

    /** A pending run held back by its concurrency key: says why, and records it as {@code run.waiting}. */
    void waitForSlot(String runId, String reason, Instant at);

    /** Keys with runs pending since before {@code createdBefore}: admissions that may have been lost. */
    List<ConcurrencyKey> keysWithWaitingRuns(Instant createdBefore, int limit);

    /** An app's concurrency key value. */
    record ConcurrencyKey(String appId, String key) {}

    /** A {@code workflow} step and the child run it waits for. */
    record ChildWait(StepRef step, String childRunId) {}

    List<RunEventRecord> events(String runId, long afterId, int limit);

    /** The events of several runs after an event id, in id order: one statement for every open stream of a process. */
    List<RunEventRecord> eventsOfRuns(java.util.Collection<String> runIds, long afterId, int limit);

    /**
     * An app's run-level events ({@code run.*}) after an event id, in id order, each with the run's
     * workflow slug (the app-wide run stream).
     */
    List<AppRunEvent> appRunEvents(String appId, long afterId, int limit);

    /** The newest event id of all runs, or 0: where a stream that wants only what comes next starts. */
    long lastEventId();

    /** The id of the run's newest history entry, 0 when it has none. */
    long lastEventId(String runId);

    /** A run-level event of an app's run with what a run list shows of it. */
    record AppRunEvent(long id, String runId, String type, String workflowSlug, Integer workflowVersion, Instant at) {}

    void appendEvent(String runId, String type, String stepId, Integer attempt, JsonNode data, Instant at);

    record ExpiredLease(StepRef ref, int attempt, String leaseToken) {}

    /**
     * What applying decisions did: the steps queued, with when each may start, and every step of the
     * run as the transaction now has it (in the order {@link #lock} gave them), so that a caller
     * holding the lock need not read them back.
     */
    record Applied(List<ScheduledStep> queued, List<StepRecord> steps) {}

    /** The input rendered for the attempt holding {@code leaseToken}. */
    record AttemptInput(StepRef ref, String leaseToken, JsonNode input) {}
}
