package dev.weft.runs;

import dev.weft.runs.LocalContinuation;
import dev.weft.runs.StepDispatcher;
import dev.weft.engine.Decider;
import dev.weft.engine.Decision;
import dev.weft.engine.RunEvent;
import dev.weft.engine.RunStatus;
import dev.weft.engine.StepError;
import dev.weft.steps.StepResult;
import dev.weft.store.ClaimedStep;
import dev.weft.store.RunRecord;
import dev.weft.store.RunStore;
import dev.weft.store.ScheduledStep;
import dev.weft.store.StepRecord;
import dev.weft.store.StepRef;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one place where decisions are applied. Each call locks the run row, asks the decider what an
 * event means, applies the decisions and the listeners' writes in one transaction (with the
 * dispatcher's record of the newly ready steps, for a transactional outbox), then hands those steps
 * to the dispatcher after the commit.
 */
@Service
public class RunCoordinator implements RunEvents, SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(RunCoordinator.class);

    private final RunStore store;
    private final Decider decider;
    private final RunStates states;
    private final StepDispatcher dispatcher;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final List<RunFinishedListener> listeners;
    private List<StepEventListener> stepListeners = List.of();
    private final MeterRegistry meters;
    private final ObjectProvider<LocalContinuation> continuation;
    private final LocalStarts localStarts;
    private final ApplicationEventPublisher events;
    private final RunLocks runLocks = new RunLocks(4096);
    /**
     * Group commits in parallel lanes, a run always in the same one: one lane would make a single
     * thread record every result of the process (measured: embedded burn-down 220 → 148 runs/s), while
     * a few keep the database busy from several connections and still share each commit widely.
     */
    private final List<GroupCommit<Report, Boolean>> results;

    public RunCoordinator(RunStore store, Decider decider, RunStates states, StepDispatcher dispatcher,
                          TransactionTemplate tx, Clock clock, List<RunFinishedListener> listeners, MeterRegistry meters,
                          ObjectProvider<LocalContinuation> continuation, ApplicationEventPublisher events) {
        this.continuation = continuation;
        this.events = events;
        this.store = store;
        this.decider = decider;
        this.states = states;
        this.dispatcher = dispatcher;
        this.tx = tx;
        this.clock = clock;
        this.listeners = listeners;
        this.meters = meters;
        this.localStarts = new LocalStarts(meters);
        var resultsPerCommit = io.micrometer.core.instrument.DistributionSummary
                .builder("weft.coordinator.results_per_commit")
                .description("step results recorded in one transaction").register(meters);
        this.results = java.util.stream.IntStream.range(0, RESULT_LANES)
                .mapToObj(i -> new GroupCommit<Report, Boolean>(MAX_RESULTS_PER_COMMIT, this::recordTogether,
                        this::recordAlone, resultsPerCommit::record))
                .toList();
    }

    /** Resolved once every bean exists (the continuation depends on this coordinator), not on every event. */
    @Override
    public void afterSingletonsInstantiated() {
        localStarts.use(continuation.getIfAvailable());
    }

    @Override
    public void start(String runId) {
        handle(runId, run -> new RunEvent.Started());
    }

    /**
     * Starts a run inserted in the caller's transaction, which therefore holds its row lock: the run
     * is not read back.
     */
    public void startInserted(RunRecord inserted) {
        handle(inserted.id(), () -> Optional.of(inserted), run -> new RunEvent.Started());
    }

    /** Records a worker's result; ignored when the lease is no longer the worker's. */
    public void onResult(ClaimedStep claim, StepResult result) {
        onResult(claim, result, null);
    }

    /**
     * Records a worker's result, and the input the attempt was given, in one transaction; ignored
     * when the lease is no longer the worker's. Results reported at the same time are recorded
     * together, in one transaction ({@link GroupCommit}): one commit for many steps and runs, and
     * one read of a run for all its results in the batch.
     */
    @Override
    public void onResult(ClaimedStep claim, StepResult result, tools.jackson.databind.JsonNode input) {
        results.get(Math.floorMod(claim.runId().hashCode(), RESULT_LANES)).submit(new Report(claim, result, input));
        if (result instanceof StepResult.AwaitRun a) {
            // a child that finished before its parent step began to wait told a step that was not
            // waiting yet: ask again now that it is (a no-op when the child is still running)
            onChildRunFinished(new StepRef(claim.runId(), claim.stepId()), a.runId());
        }
    }

    /** A worker's result waiting to be recorded. */
    private record Report(ClaimedStep claim, StepResult result, tools.jackson.databind.JsonNode input) {
        RunStore.AttemptInput recorded() {
            return input == null ? null
                    : new RunStore.AttemptInput(new StepRef(claim.runId(), claim.stepId()), claim.leaseToken(), input);
        }
    }

    /** The most results recorded in one transaction. */
    static final int MAX_RESULTS_PER_COMMIT = 128;

    /** Group commits that may be in progress at once (each holds one pooled connection while it is). */
    static final int RESULT_LANES = 4;


    private Boolean recordAlone(Report report) {
        ClaimedStep claim = report.claim();
        handle(claim.runId(), () -> store.lock(claim.runId()), report.recorded(), run -> resultEvent(run, report));
        return Boolean.TRUE;
    }

    /**
     * Records several results in one transaction, runs in id order (so that two processes doing
     * the same never wait on each other's row locks in a cycle), reading each run once for all its
     * results. A run whose in-process lock another thread holds is left out, to be recorded alone;
     * a single result is left to its own thread's ordinary path. Throws, rolling back all of them,
     * when any fails: each is then recorded alone.
     */
    private Map<Report, Boolean> recordTogether(List<Report> reports) {
        if (reports.size() == 1) {
            return Map.of();
        }
        List<Report> sorted = reports.stream().sorted(java.util.Comparator.comparing(r -> r.claim().runId())).toList();
        List<java.util.concurrent.locks.ReentrantLock> held = new java.util.ArrayList<>();
        List<Report> taken = new java.util.ArrayList<>();
        String previous = MDC.get("runId");
        try {
            for (Report r : sorted) {
                var lock = runLocks.tryLock(r.claim().runId());
                if (lock != null) {
                    held.add(lock);
                    taken.add(r);
                }
            }
            if (taken.isEmpty()) {
                return Map.of();
            }
            return tx.execute(status -> {
                Map<Report, Boolean> done = new java.util.IdentityHashMap<>();
                RunRecord current = null;
                for (Report r : taken) {
                    String runId = r.claim().runId();
                    MDC.put("runId", runId);
                    if (current == null || !current.id().equals(runId)) {
                        current = store.lock(runId).orElse(null);
                    }
                    if (current != null) {
                        Outcome outcome = decideAndApply(current, run -> resultEvent(run, r), r.recorded(), d -> { });
                        afterCommit(() -> committed(runId, outcome));
                        current = outcome.next();
                    }
                    done.put(r, Boolean.TRUE);
                }
                return done;
            });
        } finally {
            held.forEach(java.util.concurrent.locks.ReentrantLock::unlock);
            if (previous == null) {
                MDC.remove("runId");
            } else {
                MDC.put("runId", previous);
            }
        }
    }

    /** What a worker's result means for the run; null when the worker no longer holds the lease. */
    private RunEvent resultEvent(RunRecord run, Report report) {
        ClaimedStep claim = report.claim();
        if (!holdsLease(run, claim.stepId(), claim.leaseToken())) {
            log.info("discarding result of step '{}' attempt {}: its lease is no longer held", claim.stepId(), claim.attempt());
            meters.counter("weft.step.stale_results").increment();
            return null;
        }
        return switch (report.result()) {
            case StepResult.Succeeded s -> new RunEvent.StepSucceeded(claim.stepId(), claim.attempt(), s.output());
            case StepResult.RetryableFailure f -> new RunEvent.StepFailed(claim.stepId(), claim.attempt(),
                    StepError.retryable(f.code(), f.message()), f.retryAfterMillis());
            case StepResult.PermanentFailure f -> new RunEvent.StepFailed(claim.stepId(), claim.attempt(),
                    StepError.permanent(f.code(), f.message()), null);
            case StepResult.Deferred d -> new RunEvent.StepDeferred(claim.stepId(), claim.attempt(), d.until());
            case StepResult.AwaitRun a -> new RunEvent.ChildRunStarted(claim.stepId(), claim.attempt(), a.runId());
        };
    }

    @Override
    public void onChildRunFinished(StepRef waiting, String childRunId) {
        handle(waiting.runId(), parent -> store.find(parent.appId(), childRunId, false)
                .filter(child -> child.status().isTerminal())
                .map(child -> (RunEvent) new RunEvent.ChildRunFinished(waiting.stepId(), childRunId, child.status(),
                        child.output(), RunStates.error(child.error())))
                .orElse(null));
    }

    @Override
    public void onOrphanedChildRun(String childRunId) {
        handle(childRunId, run -> new RunEvent.CancelRequested());
    }

    /**
     * After a commit: a finished child tells its parent's step; the children of steps that stopped
     * waiting (cancelled, or their run ended) are cancelled. On a virtual thread each, in its own
     * transaction, never inside the one that caused it; the maintenance loop repeats both for
     * anything a crash in between loses.
     */
    private void followUp(FollowUps followUps) {
        if (followUps.isEmpty()) {
            return;
        }
        Thread.ofVirtual().name("weft-follow-up").start(() -> {
            try {
                if (followUps.finishedChild() != null) {
                    RunRecord child = followUps.finishedChild();
                    onChildRunFinished(new StepRef(child.lineage().parentRunId(), child.lineage().parentStepId()), child.id());
                }
                followUps.orphans().forEach(this::onOrphanedChildRun);
            } catch (RuntimeException e) {
                log.warn("follow-up of a run failed; the maintenance loop will repeat it", e);
            }
        });
    }

    /** @param finishedChild a child run that just finished, or null; @param orphans child runs to cancel */
    private record FollowUps(RunRecord finishedChild, List<String> orphans) {
        boolean isEmpty() {
            return finishedChild == null && orphans.isEmpty();
        }
    }

    /** The children that steps cancelled by these decisions were waiting for. */
    private static List<String> orphanedChildren(RunRecord before, List<Decision> decisions) {
        Set<String> cancelled = decisions.stream()
                .filter(d -> d instanceof Decision.CancelStep)
                .map(d -> ((Decision.CancelStep) d).stepId())
                .collect(java.util.stream.Collectors.toSet());
        if (cancelled.isEmpty()) {
            return List.of();
        }
        return before.steps().stream()
                .filter(s -> cancelled.contains(s.stepId()) && s.childRunId() != null
                        && s.status() == dev.weft.engine.StepStatus.WAITING)
                .map(StepRecord::childRunId)
                .toList();
    }

    @Override
    public void onInterrupted(StepRef ref, int attempt, String leaseToken) {
        handle(ref.runId(), run -> holdsLease(run, ref.stepId(), leaseToken)
                ? new RunEvent.StepInterrupted(ref.stepId(), attempt) : null);
    }

    @Override
    public void onWaitTimeout(StepRef ref) {
        handle(ref.runId(), run -> new RunEvent.WaitTimedOut(ref.stepId()));
    }

    /**
     * Stores a signal sent to a run and lets the run take it: a step waiting on its name completes
     * with the payload as its output; otherwise it is kept for a step that waits on it later. One
     * transaction, under the run's lock, so a signal and a step starting to wait never miss each other.
     *
     * @return the step that took it, if one did; empty when the run does not exist too
     */
    public Optional<SignalOutcome> signal(String runId, String name, tools.jackson.databind.JsonNode payload) {
        long[] id = {-1};
        String[] consumer = {null};
        Optional<RunStatus> status = handle(runId, () -> store.lock(runId), null, run -> {
            id[0] = store.insertSignal(runId, name, payload, clock.instant());
            return new RunEvent.SignalReceived(id[0], name, payload);
        }, decisions -> decisions.stream()
                .filter(d -> d instanceof Decision.ConsumeSignal c && c.signalId() == id[0])
                .findFirst().ifPresent(d -> consumer[0] = ((Decision.ConsumeSignal) d).stepId()));
        if (status.isEmpty()) {
            return Optional.empty();
        }
        meters.counter("weft.signals.received", "outcome", consumer[0] == null ? "kept" : "consumed").increment();
        return Optional.of(new SignalOutcome(id[0], consumer[0]));
    }

    /** A stored signal and the step that took it (null: kept for later). */
    public record SignalOutcome(long signalId, String consumedBy) {}

    @Override
    public void onDeadline(String runId) {
        handle(runId, run -> run.deadline() != null && run.deadline().isBefore(clock.instant())
                ? new RunEvent.DeadlineExceeded() : null);
    }

    /** Fails a run that cannot go on for a reason outside its steps; nothing when it already finished. */
    public Optional<RunStatus> abort(String runId, StepError error) {
        return handle(runId, run -> new RunEvent.Aborted(error));
    }

    /** @return the run's status afterwards, empty when the run does not exist */
    public Optional<RunStatus> cancel(String runId) {
        return handle(runId, run -> new RunEvent.CancelRequested());
    }

    public Optional<RunStatus> resume(String runId) {
        return resume(runId, null, null);
    }

    /** @param from the step to run again from, or null; @param details what was changed, for the history */
    public Optional<RunStatus> resume(String runId, String from, tools.jackson.databind.JsonNode details) {
        return handle(runId, run -> new RunEvent.ResumeRequested(from, details));
    }

    private Optional<RunStatus> handle(String runId, Function<RunRecord, RunEvent> eventFor) {
        return handle(runId, () -> store.lock(runId), null, eventFor);
    }

    private Optional<RunStatus> handle(String runId, Supplier<Optional<RunRecord>> lock,
                                       Function<RunRecord, RunEvent> eventFor) {
        return handle(runId, lock, null, eventFor);
    }

    /**
     * @param lock     takes the run's row lock and reads the run with its steps
     * @param recorded the input of the attempt whose result the event reports, stored with the decisions
     *                 (only when the event is acted on); null when there is none
     */
    private Optional<RunStatus> handle(String runId, Supplier<Optional<RunRecord>> lock, RunStore.AttemptInput recorded,
                                       Function<RunRecord, RunEvent> eventFor) {
        return handle(runId, lock, recorded, eventFor, decisions -> { });
    }

    /** @param seen is shown the decisions taken, inside the transaction */
    private Optional<RunStatus> handle(String runId, Supplier<Optional<RunRecord>> lock, RunStore.AttemptInput recorded,
                                       Function<RunRecord, RunEvent> eventFor,
                                       java.util.function.Consumer<List<Decision>> seen) {
        String previous = MDC.get("runId");
        MDC.put("runId", runId);
        var runLock = runLocks.lock(runId);
        try {
            return handleLogged(runId, lock, recorded, eventFor, seen);
        } finally {
            runLock.unlock();
            if (previous == null) {
                MDC.remove("runId");
            } else {
                MDC.put("runId", previous);
            }
        }
    }

    private Optional<RunStatus> handleLogged(String runId, Supplier<Optional<RunRecord>> lock,
                                             RunStore.AttemptInput recorded, Function<RunRecord, RunEvent> eventFor,
                                             java.util.function.Consumer<List<Decision>> seen) {
        Outcome outcome = tx.execute(status -> lock.get().map(run -> decideAndApply(run, eventFor, recorded, seen)).orElse(null));
        if (outcome == null) {
            return Optional.empty();
        }
        afterCommit(() -> committed(runId, outcome));
        return Optional.of(outcome.status());
    }

    /**
     * Inside the caller's transaction, with the run locked: asks the decider what the event means
     * and applies its decisions with the listeners' writes.
     */
    private Outcome decideAndApply(RunRecord run, Function<RunRecord, RunEvent> eventFor, RunStore.AttemptInput recorded,
                                   java.util.function.Consumer<List<Decision>> seen) {
        RunEvent event = eventFor.apply(run);
        if (event == null) {
            return new Outcome(run.status(), List.of(), null, Set.of(), NO_FOLLOW_UPS, run);
        }
        Instant now = clock.instant();
        List<Decision> decisions = decider.decide(states.of(run), event, now);
        seen.accept(decisions);
        if (decisions.isEmpty()) {
            if (recorded != null) {
                store.recordInput(recorded.ref(), recorded.leaseToken(), recorded.input());
            }
            return new Outcome(run.status(), List.of(), null, Set.of(), NO_FOLLOW_UPS, recorded == null ? run : null);
        }
        RunStatus after = finalStatus(run.status(), decisions);
        countTransitions(decisions);
        stepEvents(run, decisions);
        RunStore.Applied applied = recorded == null ? store.apply(run, decisions, now)
                : store.apply(run, decisions, now, recorded);
        RunRecord applyingTo = run.withSteps(applied.steps());
        List<ScheduledStep> ready = localStarts.claimReady(applyingTo, after, applied.queued(), now);
        ready.forEach(s -> dispatcher.recordInTransaction(s.ref(), s.at()));
        FinishedRun finished = null;
        if (after != run.status() && after.isTerminal()) {
            finished = new FinishedRun(run.id(), run.appId(), after, run.webhookUrl(), run.admission().concurrencyKey(),
                    () -> store.find(run.appId(), run.id(), true).orElseThrow());
            for (RunFinishedListener l : listeners) {
                l.onRunFinished(finished);
            }
        }
        FollowUps followUps = new FollowUps(finished != null && run.lineage().isChild() ? run : null,
                orphanedChildren(run, decisions));
        // the run as this transaction now has it, for a next event in the same transaction; null
        // (read it again) when its own fields changed or steps were claimed here, which the
        // applied steps do not show
        RunRecord next = after == run.status() && ready.size() == applied.queued().size() ? applyingTo : null;
        return new Outcome(after, ready, finished == null ? null : new Finished(after, run.createdAt(), now),
                runningCancelled(run, decisions), followUps, next);
    }

    /** What follows a committed decision: dispatch, stopping cancelled attempts, metrics, follow-ups. */
    private void committed(String runId, Outcome outcome) {
        outcome.ready().forEach(dispatcher::dispatch);
        if (!outcome.cancelledLeases().isEmpty()) {
            events.publishEvent(new StepsCancelled(outcome.cancelledLeases()));
        }
        if (outcome.finished() != null) {
            recordFinished(runId, outcome.finished());
        }
        followUp(outcome.followUps());
    }

    /**
     * Runs {@code action} once the decisions are committed: at once when this call had its own
     * transaction, or when the caller's transaction commits when it joined one (a worker must not
     * be told about a step before it can see it).
     */
    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(
                    new TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            action.run();
                        }
                    });
        } else {
            action.run();
        }
    }

    private static boolean holdsLease(RunRecord run, String stepId, String token) {
        return run.steps().stream()
                .filter(s -> s.stepId().equals(stepId))
                .map(StepRecord::leaseToken)
                .anyMatch(t -> t != null && t.equals(token));
    }

    /**
     * {@code weft.step.transitions{to, kind}}: every status a step or a forEach item entered, so
     * waiting, item and fan-out activity shows in the metrics as well as in the runs.
     */
    /** The step event listeners (webhook subscriptions to step events); none in a process without them. */
    @org.springframework.beans.factory.annotation.Autowired(required = false)
    void setStepListeners(List<StepEventListener> stepListeners) {
        this.stepListeners = List.copyOf(stepListeners);
    }

    private void stepEvents(RunRecord run, List<Decision> decisions) {
        if (stepListeners.isEmpty()) {
            return;
        }
        List<StepEventListener.StepEvent> changes = new java.util.ArrayList<>();
        for (Decision d : decisions) {
            StepEventListener.StepEvent change = switch (d) {
                case Decision.RecordSuccess r -> new StepEventListener.StepEvent(r.stepId(), "step.succeeded", null);
                case Decision.RecordFailure f -> new StepEventListener.StepEvent(f.stepId(), "step.failed", f.error());
                case Decision.ScheduleRetry r -> new StepEventListener.StepEvent(r.stepId(), "step.retrying", r.error());
                case Decision.AwaitSignal a -> new StepEventListener.StepEvent(a.stepId(), "step.waiting", null);
                case Decision.AwaitChildRun a -> new StepEventListener.StepEvent(a.stepId(), "step.waiting", null);
                case Decision.SkipStep s -> new StepEventListener.StepEvent(s.stepId(), "step.skipped", null);
                case Decision.CancelStep c -> new StepEventListener.StepEvent(c.stepId(), "step.cancelled", null);
                default -> null;
            };
            if (change != null) {
                changes.add(change);
            }
        }
        if (changes.isEmpty()) {
            return;
        }
        var stepRun = new StepEventListener.StepRun(run.id(), run.appId(), run.workflowSlug(), run.workflowVersion());
        for (StepEventListener l : stepListeners) {
            l.onStepEvents(stepRun, changes);
        }
    }

    private void countTransitions(List<Decision> decisions) {
        for (Decision d : decisions) {
            String[] change = switch (d) {
                case Decision.QueueStep q -> new String[] {q.stepId(), "queued"};
                case Decision.ScheduleRetry r -> new String[] {r.stepId(), "queued"};
                case Decision.RequeueInterrupted r -> new String[] {r.stepId(), "queued"};
                case Decision.DeferStep r -> new String[] {r.stepId(), "queued"};
                case Decision.ExpandItems e -> new String[] {e.stepId(), "running"};
                case Decision.AwaitSignal a -> new String[] {a.stepId(), "waiting"};
                case Decision.AwaitChildRun a -> new String[] {a.stepId(), "waiting"};
                case Decision.RecordSuccess r -> new String[] {r.stepId(), "succeeded"};
                case Decision.RecordFailure f -> new String[] {f.stepId(), "failed"};
                case Decision.SkipStep s -> new String[] {s.stepId(), "skipped"};
                case Decision.CancelStep c -> new String[] {c.stepId(), "cancelled"};
                case Decision.ResetStep r -> new String[] {r.stepId(), "pending"};
                default -> null;
            };
            if (change != null) {
                meters.counter("weft.step.transitions", "to", change[1],
                        "kind", dev.weft.engine.FanOut.isItem(change[0]) ? "item" : "step").increment();
            }
        }
    }

    private static RunStatus finalStatus(RunStatus before, List<Decision> decisions) {
        RunStatus status = before;
        for (Decision d : decisions) {
            status = switch (d) {
                case Decision.StartRun s -> RunStatus.RUNNING;
                case Decision.ReopenRun r -> RunStatus.RUNNING;
                case Decision.CompleteRun c -> RunStatus.COMPLETED;
                case Decision.FailRun f -> RunStatus.FAILED;
                case Decision.CancelRun c -> RunStatus.CANCELLED;
                default -> status;
            };
        }
        return status;
    }

    private void recordFinished(String runId, Finished run) {
        meters.counter("weft.runs.finished", "status", run.status().wire()).increment();
        if (run.createdAt() != null) {
            meters.timer("weft.run.duration", "status", run.status().wire())
                    .record(Duration.between(run.createdAt(), run.finishedAt()));
        }
        log.info("run {} {}", runId, run.status().wire());
    }

    private record Finished(RunStatus status, Instant createdAt, Instant finishedAt) {}

    /** @param next the run after the decisions, for another event in the same transaction; null: read it again */
    private record Outcome(RunStatus status, List<ScheduledStep> ready, Finished finished, Set<String> cancelledLeases,
                           FollowUps followUps, RunRecord next) {}

    private static final FollowUps NO_FOLLOW_UPS = new FollowUps(null, List.of());

    /** The leases of the steps that were running and that these decisions cancel. */
    private static Set<String> runningCancelled(RunRecord before, List<Decision> decisions) {
        Set<String> cancelled = decisions.stream()
                .filter(d -> d instanceof Decision.CancelStep)
                .map(d -> ((Decision.CancelStep) d).stepId())
                .collect(java.util.stream.Collectors.toSet());
        if (cancelled.isEmpty()) {
            return Set.of();
        }
        return before.steps().stream()
                .filter(s -> cancelled.contains(s.stepId()) && s.leaseToken() != null)
                .map(StepRecord::leaseToken)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }
}
