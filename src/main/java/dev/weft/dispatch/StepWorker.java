package dev.weft.dispatch;

import dev.weft.runs.RunEvents;
import dev.weft.steps.StepResult;
import dev.weft.store.ClaimedStep;
import dev.weft.store.RunStore;
import dev.weft.store.StepRef;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Executes steps, whichever dispatcher delivered them: claims a step in the database
 * (compare-and-set with a lease), executes it on a virtual thread and reports the result to the
 * coordinator. Leases of running steps are renewed by the maintenance loop through
 * {@link #heldLeases()}.
 */
public class StepWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StepWorker.class);

    private final RunStore store;
    private final StepExecutor executor;
    private final RunEvents coordinator;
    private final TransactionTemplate tx;
    private final EngineProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final String owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + java.util.UUID.randomUUID();
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    /** Leases of attempts that finished here and whose result is being reported: still renewed, no longer stoppable. */
    private final Set<String> reporting = ConcurrentHashMap.newKeySet();
    private final ResultReports reports;
    private volatile ExecutorService threads;
    private volatile boolean running;

    public StepWorker(RunStore store, StepExecutor executor, RunEvents coordinator, TransactionTemplate tx,
                      EngineProperties properties, Clock clock, MeterRegistry meters) {
        this.store = store;
        this.executor = executor;
        this.coordinator = coordinator;
        this.tx = tx;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        // twice the lease: a report that succeeds within it still holds the lease it kept renewing
        this.reports = new ResultReports(properties.lease().multipliedBy(2), clock, d -> Thread.sleep(d));
    }

    @Override
    public void start() {
        threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("weft-step-", 0).factory());
        running = true;
    }

    /**
     * Claims the step in its own, committed transaction.
     *
     * @return the claim; empty when the database says no (already taken, finished, cancelled or
     *         not yet due)
     */
    public Optional<ClaimedStep> claim(StepRef ref) {
        Instant now = clock.instant();
        Optional<ClaimedStep> claimed = tx.execute(s -> store.claim(ref, owner, now, properties.lease())
                .map(c -> c.withRun(store.find(c.appId(), c.runId(), true).orElse(null))));
        claimed = claimed == null ? Optional.empty() : claimed;
        claimed.ifPresent(c -> held.add(c.leaseToken()));
        return claimed;
    }

    /**
     * Claims the step inside the caller's transaction without reading its run: for a caller that
     * holds the run's lock and attaches the run itself ({@link ClaimedStep#withRun}).
     */
    public Optional<ClaimedStep> claimInCurrentTransaction(StepRef ref) {
        Optional<ClaimedStep> claimed = store.claim(ref, owner, clock.instant(), properties.lease());
        claimed.ifPresent(c -> {
            // held (and so renewed) once committed: a renewal that ran before the commit would not
            // see the claim and would take the lease for lost, stopping the attempt before it began
            if (TransactionSynchronizationManager.isSynchronizationActive()) {
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        held.add(c.leaseToken());
                    }
                });
            } else {
                held.add(c.leaseToken());
            }
        });
        return claimed;
    }

    /**
     * Claims and executes the step on a virtual thread; {@code slotFree} runs once the step no longer
     * executes here (not claimable, or its handler returned), before its result is reported.
     */
    public void runAsync(StepRef ref, Runnable slotFree) {
        threads.execute(() -> runOne(ref, slotFree));
    }

    private void runOne(StepRef ref, Runnable slotFree) {
        Optional<ClaimedStep> claim;
        try {
            claim = claim(ref);
        } catch (RuntimeException e) {
            slotFree.run();
            log.error("could not claim step '{}' of run {}; the maintenance loop will offer it again",
                    ref.stepId(), ref.runId(), e);
            return;
        }
        claim.ifPresentOrElse(c -> execute(c, slotFree), slotFree);
    }

    /**
     * Executes a step {@link #claim claimed} here on a virtual thread; {@code slotFree} runs when its
     * handler returned, before the result is reported, so that the transaction recording the result
     * can hand the slot to the step it makes ready.
     */
    public void executeAsync(ClaimedStep claim, Runnable slotFree) {
        threads.execute(() -> execute(claim, slotFree));
    }

    /** Executes a step {@link #claim claimed} here on the calling thread and reports its result. */
    public void execute(ClaimedStep claim) {
        execute(claim, () -> {});
    }

    private void execute(ClaimedStep claim, Runnable slotFree) {
        MDC.put("runId", claim.runId());
        MDC.put("stepId", claim.stepId());
        boolean freed = false;
        try {
            Timer.Sample sample = Timer.start(meters);
            StepExecutor.Execution execution;
            try {
                execution = executor.execute(claim, threads);
            } finally {
                // renewed while the result is reported, so one failed report does not cost the lease
                reporting.add(claim.leaseToken());
                held.remove(claim.leaseToken());
                freed = true;
                slotFree.run();
            }
            StepResult result = execution.result();
            String outcome = switch (result) {
                case StepResult.Succeeded x -> "succeeded";
                case StepResult.RetryableFailure x -> "retryable_failure";
                case StepResult.PermanentFailure x -> "permanent_failure";
                case StepResult.Deferred x -> "deferred";
                case StepResult.AwaitRun x -> "awaiting_run";
            };
            sample.stop(meters.timer("weft.step.duration", "type", claim.stepType(), "outcome", outcome));
            if (!running && result instanceof StepResult.RetryableFailure f && "WORKER_INTERRUPTED".equals(f.code())) {
                return; // shutting down: leave the step running; recovery requeues it without counting an attempt
            }
            int tries = reports.report(() -> coordinator.onResult(claim, result, execution.input()));
            if (tries != 1) {
                meters.counter("weft.step.report_retries", "outcome", tries == 0 ? "gave_up" : "reported").increment();
            }
        } catch (RuntimeException e) {
            log.error("step execution failed to report; the lease will expire and the step be retried", e);
        } finally {
            reporting.remove(claim.leaseToken());
            if (!freed) {
                slotFree.run();
            }
            MDC.remove("runId");
            MDC.remove("stepId");
        }
    }

    /**
     * Stops the attempts holding these leases that execute here (their step was cancelled, or the
     * lease was lost): each ends as {@code STEP_CANCELLED}, a result the coordinator discards since
     * the lease is gone.
     */
    public void stop(java.util.Collection<String> leaseTokens) {
        for (String token : leaseTokens) {
            if (held.contains(token)) {
                log.info("stopping the attempt holding lease {}: its step no longer needs it", token);
                executor.cancel(token);
                if (!held.contains(token)) {
                    executor.forget(token); // it finished meanwhile
                }
            }
        }
    }

    /** Steps cancelled by a transaction of this process: stop them at once if they execute here. */
    @org.springframework.context.event.EventListener
    public void onStepsCancelled(dev.weft.runs.StepsCancelled cancelled) {
        stop(cancelled.leaseTokens());
    }

    /** A claim whose transaction rolled back: this process no longer holds its lease. */
    public void forget(ClaimedStep claim) {
        held.remove(claim.leaseToken());
    }

    /** Lease tokens of the steps this process is executing, or whose results it is reporting, right now. */
    public Set<String> heldLeases() {
        Set<String> leases = new java.util.HashSet<>(held);
        leases.addAll(reporting);
        return Set.copyOf(leases);
    }

    @Override
    public void stop() {
        running = false;
        if (threads != null) {
            threads.shutdownNow();
            try {
                threads.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
