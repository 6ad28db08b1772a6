package dev.weft.dispatch;

import dev.weft.runs.StepDispatcher;
import dev.weft.runs.RunEvents;
import dev.weft.store.RunStore;
import dev.weft.store.StepRef;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The loop that keeps work from getting lost: re-dispatches due steps (retries whose time came,
 * dispatches lost in a crash), renews the leases of steps running here, turns expired leases
 * into interruptions, fails runs past their deadline and starts runs accepted but never started.
 */
public class Maintenance {

    private static final Logger log = LoggerFactory.getLogger(Maintenance.class);
    private static final int BATCH = 500;

    private final RunStore store;
    private final StepDispatcher dispatcher;
    private final StepWorker worker;
    private final RunEvents coordinator;
    private final EngineProperties properties;
    private final Clock clock;
    private Instant leasesRenewedAt = Instant.MIN;

    private final dev.weft.runs.ConcurrencyGate gate;

    public Maintenance(RunStore store, StepDispatcher dispatcher, StepWorker worker, RunEvents coordinator,
                       dev.weft.runs.ConcurrencyGate gate, EngineProperties properties, Clock clock) {
        this.gate = gate;
        this.store = store;
        this.dispatcher = dispatcher;
        this.worker = worker;
        this.coordinator = coordinator;
        this.properties = properties;
        this.clock = clock;
    }

    /** Embedded mode: nothing can still be running a step this process did not start. */
    public void recoverAfterRestart() {
        for (RunStore.ExpiredLease lease : store.allRunningSteps()) {
            log.info("recovering step '{}' of run {} interrupted by a restart", lease.ref().stepId(), lease.ref().runId());
            coordinator.onInterrupted(lease.ref(), lease.attempt(), lease.leaseToken());
        }
    }

    /**
     * Every third of the lease, not every pass: a lease is taken for the whole term at the claim,
     * so renewing it then keeps every held lease at least two thirds of a term ahead.
     */
    private void renewLeasesWhenDue(Instant now) {
        if (now.isBefore(leasesRenewedAt.plus(properties.lease().dividedBy(3)))) {
            return;
        }
        var held = worker.heldLeases();
        if (!held.isEmpty()) {
            java.util.Set<String> renewed = store.renewLeases(held, properties.lease());
            java.util.Set<String> lost = new java.util.HashSet<>(held);
            lost.removeAll(renewed);
            if (!lost.isEmpty()) {
                // cancelled by another process, or expired and given to another attempt: stop working on them
                worker.stop(lost);
            }
        }
        leasesRenewedAt = now;
    }

    @Scheduled(fixedDelayString = "${weft.engine.poll-interval:PT0.5S}", initialDelayString = "PT0.2S")
    public void tick() {
        try {
            Instant now = clock.instant();
            renewLeasesWhenDue(now);
            for (RunStore.ExpiredLease lease : store.expiredLeases(BATCH)) {
                coordinator.onInterrupted(lease.ref(), lease.attempt(), lease.leaseToken());
            }
            for (StepRef wait : store.timedOutWaits(now, BATCH)) {
                coordinator.onWaitTimeout(wait);
            }
            for (RunStore.ChildWait wait : store.finishedChildWaits(BATCH)) {
                coordinator.onChildRunFinished(wait.step(), wait.childRunId());
            }
            for (String child : store.orphanedChildRuns(BATCH)) {
                coordinator.onOrphanedChildRun(child);
            }
            for (String runId : store.overdueRuns(now, BATCH)) {
                coordinator.onDeadline(runId);
            }
            for (String runId : store.stalePendingRuns(now.minus(properties.pendingRunGrace()), BATCH)) {
                coordinator.start(runId);
            }
            for (RunStore.ConcurrencyKey key : store.keysWithWaitingRuns(now.minus(properties.pendingRunGrace()), BATCH)) {
                gate.admitWaiting(key.appId(), key.key());
            }
            dispatcher.redispatch(store.dueSteps(now, BATCH), now);
        } catch (RuntimeException e) {
            log.warn("maintenance pass failed; will retry", e);
        }
    }
}
