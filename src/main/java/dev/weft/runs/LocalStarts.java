package dev.weft.runs;

import dev.weft.runs.LocalContinuation;
import dev.weft.engine.RunStatus;
import dev.weft.engine.StepStatus;
import dev.weft.store.ClaimedStep;
import dev.weft.store.RunRecord;
import dev.weft.store.RunStore;
import dev.weft.store.ScheduledStep;
import dev.weft.store.StepRecord;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The coordinator's part of {@link LocalContinuation}: inside the transaction that made steps
 * ready, claims those that are due now for this process's free slots, and starts them once that
 * transaction commits (or frees their slots when it rolls back).
 */
final class LocalStarts {

    private final MeterRegistry meters;
    private volatile LocalContinuation local;

    LocalStarts(MeterRegistry meters) {
        this.meters = meters;
    }

    /** Set once every bean exists; until then (and in processes without workers) nothing is claimed. */
    void use(LocalContinuation continuation) {
        this.local = continuation;
    }

    /**
     * @param run   the run as the caller's transaction now has it (locked, decisions applied)
     * @param after the run's status after the decisions were applied
     * @return the steps left for the dispatcher
     */
    List<ScheduledStep> claimReady(RunRecord run, RunStatus after, List<ScheduledStep> ready, Instant now) {
        LocalContinuation local = this.local;
        if (local == null || ready.isEmpty() || after != RunStatus.RUNNING
                || !TransactionSynchronizationManager.isSynchronizationActive()) {
            return ready;
        }
        List<ScheduledStep> rest = new ArrayList<>();
        List<ClaimedStep> claims = new ArrayList<>();
        for (ScheduledStep step : ready) {
            Optional<ClaimedStep> claim = step.at().isAfter(now) ? Optional.empty() : local.tryClaim(step.ref());
            claim.ifPresentOrElse(claims::add, () -> rest.add(step));
        }
        if (!claims.isEmpty()) {
            RunRecord snapshot = run.withStatus(RunStatus.RUNNING).withSteps(running(run.steps(), claims, now));
            List<ClaimedStep> claimed = claims.stream().map(c -> c.withRun(snapshot)).toList();
            meters.counter("weft.steps.continued_locally").increment(claimed.size());
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status == STATUS_COMMITTED) {
                        claimed.forEach(local::execute);
                    } else {
                        claimed.forEach(local::release);
                    }
                }
            });
        }
        return rest;
    }

    /**
     * The steps with the claimed ones as the claim left them (see {@link RunStore#claim}); only
     * their start time is this transaction's clock rather than the claim's, which nothing that
     * executes a step reads.
     */
    private static List<StepRecord> running(List<StepRecord> steps, List<ClaimedStep> claims, Instant now) {
        Map<String, ClaimedStep> byStep = new HashMap<>();
        claims.forEach(c -> byStep.put(c.stepId(), c));
        return steps.stream().map(s -> {
            ClaimedStep c = byStep.get(s.stepId());
            return c == null ? s : new StepRecord(s.stepId(), s.type(), StepStatus.RUNNING, c.attempt(), s.interruptions(),
                    s.input(), s.output(), s.error(), null, s.queuedAt(), s.availableAt(), c.firstStartedAt(), now,
                    s.finishedAt(), c.leaseToken(), s.item(), s.childRunId(), s.inputOverride(), s.attemptBase());
        }).toList();
    }
}
