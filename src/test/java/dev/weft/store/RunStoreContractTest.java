package dev.weft.store;

import dev.weft.common.Dialect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.weft.common.Json;
import dev.weft.engine.Decision;
import dev.weft.engine.StepError;
import dev.weft.engine.StepStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What every database Weft supports must do for the {@link RunStore}: the compare-and-set claim,
 * leases measured by the database's clock, and the unique idempotency key under a race. One
 * subclass per database, in the spirit of db-scheduler's compatibility tests.
 */
abstract class RunStoreContractTest {

    private static final String APP = "contract-app";

    private RunStore store;
    private JdbcClient jdbc;
    private TransactionTemplate tx;

    /** A fresh database with the Weft schema. */
    protected abstract DataSource database();

    @BeforeEach
    void freshStore() {
        DataSource ds = database();
        jdbc = JdbcClient.create(ds);
        store = new JdbcRunStore(jdbc, Dialect.detect(ds));
        tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
    }

    @Test
    void ofManyConcurrentClaimersExactlyOneGetsTheStep() throws Exception {
        StepRef ref = queuedStep();
        Instant now = Instant.now();

        List<Optional<ClaimedStep>> claims = concurrently(8,
                i -> () -> tx.execute(s -> store.claim(ref, "worker-" + i, now, Duration.ofMinutes(1))));

        assertThat(claims).filteredOn(Optional::isPresent).hasSize(1);
        ClaimedStep winner = claims.stream().flatMap(Optional::stream).findFirst().orElseThrow();
        assertThat(winner.attempt()).isEqualTo(1);
        assertThat(store.claim(ref, "late", now, Duration.ofMinutes(1))).as("a running step is not claimable").isEmpty();
    }

    /**
     * Lease time is driven by the test, not waited for: a lease of ten minutes cannot end during the
     * test however slow the machine, and one claimed with a negative term has already ended.
     */
    @Test
    void aLeaseRunsByTheDatabasesClockNotTheCallers() {
        StepRef held = queuedStep();
        StepRef lapsed = queuedStep();
        Instant skewedAnHourAhead = Instant.now().plus(Duration.ofHours(1));

        ClaimedStep holding = store.claim(held, "skewed", skewedAnHourAhead, Duration.ofMinutes(10)).orElseThrow();
        ClaimedStep ended = store.claim(lapsed, "skewed", skewedAnHourAhead, Duration.ofMinutes(-10)).orElseThrow();

        assertThat(holding.leaseUntil()).as("ten minutes from the database's now, not from the caller's skewed now")
                .isBefore(Instant.now().plus(Duration.ofMinutes(30)))
                .isAfter(Instant.now().plus(Duration.ofMinutes(5)));
        assertThat(store.expiredLeases(1000)).extracting(RunStore.ExpiredLease::leaseToken)
                .contains(ended.leaseToken())
                .doesNotContain(holding.leaseToken());
    }

    @Test
    void aRenewedLeaseOutlivesItsFirstTermAndOnlyHeldLeasesAreRenewed() {
        StepRef ref = queuedStep();
        StepRef cancelled = queuedStep();
        ClaimedStep claim = store.claim(ref, "w", Instant.now(), Duration.ofMinutes(1)).orElseThrow();
        ClaimedStep lost = store.claim(cancelled, "w", Instant.now(), Duration.ofMinutes(1)).orElseThrow();
        jdbc.sql("UPDATE run_steps SET status = 'cancelled', lease_token = NULL WHERE lease_token = ?")
                .param(lost.leaseToken()).update();

        Set<String> renewed = store.renewLeases(List.of(claim.leaseToken(), lost.leaseToken()), Duration.ofHours(1));

        assertThat(renewed).as("a lease the step no longer holds is reported lost").containsExactly(claim.leaseToken());
        Instant leaseUntil = jdbc.sql("SELECT lease_until FROM run_steps WHERE lease_token = ?")
                .param(claim.leaseToken()).query(java.time.OffsetDateTime.class).single().toInstant();
        assertThat(leaseUntil).as("the renewed lease ends an hour out, not at the end of its first term")
                .isAfter(claim.leaseUntil().plus(Duration.ofMinutes(30)));
        assertThat(store.expiredLeases(1000)).extracting(RunStore.ExpiredLease::leaseToken)
                .doesNotContain(claim.leaseToken());
    }

    @Test
    void ofTwoRunsRacingForOneIdempotencyKeyOneIsStoredAndTheOtherGetsADuplicateKey() throws Exception {
        String key = "key-" + UUID.randomUUID();

        List<Throwable> outcomes = concurrently(2, i -> () -> catchThrowable(
                () -> tx.executeWithoutResult(s -> store.insert(newRun(key)))));

        assertThat(outcomes).filteredOn(t -> t == null).hasSize(1);
        assertThat(outcomes).filteredOn(t -> t != null).singleElement().isInstanceOf(DuplicateKeyException.class);
        assertThat(store.findByIdempotencyKey(APP, key)).isPresent();
    }

    @Test
    void timestampsRoundTripAsTheSameInstant() {
        Instant created = Instant.parse("2026-03-29T01:30:00.123456Z");
        NewRun run = newRun(null, created);
        store.insert(run);

        RunRecord found = store.find(APP, run.id(), true).orElseThrow();

        assertThat(found.createdAt()).isEqualTo(created);
        assertThat(found.deadline()).isEqualTo(created.plus(Duration.ofHours(1)));
    }

    @Test
    void theStepsApplyReturnsAreTheStepsTheDatabaseThenHolds() {
        NewRun run = newRun(null, Instant.now().truncatedTo(ChronoUnit.MICROS),
                List.of(new NewRun.StepSeed("a", "transform"), new NewRun.StepSeed("b", "transform"),
                        new NewRun.StepSeed("c", "transform")));
        store.insert(run);
        StepError oops = StepError.retryable("OOPS", "went wrong");

        applyAndCompare(run.id(), null, new Decision.StartRun(), new Decision.QueueStep("a", past()));
        ClaimedStep a = claim(run.id(), "a");
        applyAndCompare(run.id(), new RunStore.AttemptInput(new StepRef(run.id(), "a"), a.leaseToken(), Json.parse("{\"in\": 1}")),
                new Decision.RecordSuccess("a", Json.parse("{\"v\": 1}")), new Decision.QueueStep("b", past()),
                new Decision.SkipStep("c", "its when was false"));
        ClaimedStep b = claim(run.id(), "b");
        applyAndCompare(run.id(), new RunStore.AttemptInput(new StepRef(run.id(), "b"), b.leaseToken(), Json.parse("{\"in\": 2}")),
                new Decision.ScheduleRetry("b", oops, past()));
        claim(run.id(), "b");
        applyAndCompare(run.id(), null, new Decision.RequeueInterrupted("b"));
        claim(run.id(), "b");
        applyAndCompare(run.id(), null, new Decision.DeferStep("b", past()));
        claim(run.id(), "b");
        applyAndCompare(run.id(), null, new Decision.RecordFailure("b", StepError.permanent("BAD", "for good")),
                new Decision.FailRun(StepError.permanent("BAD", "for good")));
        Instant newDeadline = Instant.now().plusSeconds(600).truncatedTo(ChronoUnit.MICROS);
        applyAndCompare(run.id(), null, new Decision.ReopenRun(newDeadline), new Decision.ResetStep("b"),
                new Decision.QueueStep("b", past()));
        Instant stored = tx.execute(s -> store.lock(run.id()).orElseThrow().deadline());
        assertThat(stored).isEqualTo(newDeadline);
        applyAndCompare(run.id(), null, new Decision.CancelStep("b"), new Decision.CancelRun());
    }

    @Test
    void itemsOfAForEachStepAndAChildRunsWaitAreStoredAsApplyReturnsThem() {
        NewRun run = newRun(null, Instant.now().truncatedTo(ChronoUnit.MICROS),
                List.of(new NewRun.StepSeed("each", "workflow")));
        store.insert(run);

        applyAndCompare(run.id(), null, new Decision.StartRun(),
                new Decision.ExpandItems("each", List.of(Json.parse("\"a\""), Json.parse("{\"b\": 2}"))),
                new Decision.QueueStep("each[0]", past()), new Decision.QueueStep("each[1]", past()));
        claim(run.id(), "each[1]");
        applyAndCompare(run.id(), null, new Decision.AwaitChildRun("each[1]", "child-run-1"));

        RunRecord stored = store.find(APP, run.id(), true).orElseThrow();
        StepRecord item = stored.steps().stream().filter(s -> s.stepId().equals("each[1]")).findFirst().orElseThrow();
        assertThat(item.item()).isEqualTo(Json.parse("{\"b\": 2}"));
        assertThat(item.status()).isEqualTo(StepStatus.WAITING);
        assertThat(item.childRunId()).isEqualTo("child-run-1");
        assertThat(item.leaseToken()).isNull();
        assertThat(stored.steps()).filteredOn(s -> s.stepId().equals("each")).singleElement()
                .satisfies(s -> assertThat(s.status()).isEqualTo(StepStatus.RUNNING));
        assertThat(store.allRunningSteps()).extracting(l -> l.ref().runId()).doesNotContain(run.id());
    }

    @Test
    void aResumeWithAFixReplacesTheInputGivesAStepItsInputKeepsAttemptNumbersAndDropsItems() {
        NewRun run = newRun(null, Instant.now().truncatedTo(ChronoUnit.MICROS),
                List.of(new NewRun.StepSeed("a", "transform"), new NewRun.StepSeed("each", "transform")));
        store.insert(run);
        applyAndCompare(run.id(), null, new Decision.StartRun(), new Decision.QueueStep("a", past()),
                new Decision.ExpandItems("each", List.of(Json.parse("1"), Json.parse("2"))));
        claim(run.id(), "a");
        applyAndCompare(run.id(), null, new Decision.RecordFailure("a", StepError.permanent("BAD", "bad")),
                new Decision.FailRun(StepError.permanent("BAD", "bad")));

        tx.executeWithoutResult(status -> {
            store.lock(run.id());
            store.replaceInput(run.id(), Json.parse("{\"topic\": \"fixed\"}"));
            store.overrideStepInput(run.id(), "a", Json.parse("{\"prompt\": \"by hand\"}"));
        });
        applyAndCompare(run.id(), null, new Decision.ReopenRun(null, Json.parse("{\"keyId\": \"k1\"}")),
                new Decision.ResetStep("a"), new Decision.DropItems("each", List.of("each[0]", "each[1]")));

        RunRecord stored = store.find(APP, run.id(), true).orElseThrow();
        assertThat(stored.input()).isEqualTo(Json.parse("{\"topic\": \"fixed\"}"));
        StepRecord a = stored.steps().stream().filter(s -> s.stepId().equals("a")).findFirst().orElseThrow();
        assertThat(a.status()).isEqualTo(StepStatus.PENDING);
        assertThat(a.inputOverride()).isEqualTo(Json.parse("{\"prompt\": \"by hand\"}"));
        assertThat(a.attempt()).as("attempt numbers carry on").isEqualTo(1);
        assertThat(a.attemptBase()).isEqualTo(1);
        assertThat(stored.steps()).extracting(StepRecord::stepId).containsExactlyInAnyOrder("a", "each");
        assertThat(store.events(run.id(), 0, 100)).filteredOn(e -> e.type().equals("run.resumed")).singleElement()
                .satisfies(e -> assertThat(e.data().get("keyId").asString()).isEqualTo("k1"));
    }

    @Test
    void findsStepsWaitingForAFinishedChildAndChildrenNoStepWaitsFor() {
        NewRun parent = newRun(null, Instant.now().truncatedTo(ChronoUnit.MICROS),
                List.of(new NewRun.StepSeed("call", "workflow"), new NewRun.StepSeed("other", "workflow")));
        store.insert(parent);
        NewRun child = withLineage(newRun(null), new Lineage(parent.id(), "call", 1));
        NewRun orphan = withLineage(newRun(null), new Lineage(parent.id(), "other", 1));
        store.insert(child);
        store.insert(orphan);
        tx.executeWithoutResult(s -> store.apply(store.lock(parent.id()).orElseThrow(), List.of(new Decision.StartRun(),
                new Decision.QueueStep("call", past()), new Decision.QueueStep("other", past())), Instant.now()));
        claim(parent.id(), "call");
        claim(parent.id(), "other");
        tx.executeWithoutResult(s -> store.apply(store.lock(parent.id()).orElseThrow(),
                List.of(new Decision.AwaitChildRun("call", child.id())), Instant.now()));

        assertThat(store.finishedChildWaits(1000)).extracting(RunStore.ChildWait::childRunId).doesNotContain(child.id());
        assertThat(store.orphanedChildRuns(1000)).as("a step still running may yet take its child")
                .doesNotContain(child.id(), orphan.id());

        tx.executeWithoutResult(s -> store.apply(store.lock(child.id()).orElseThrow(),
                List.of(new Decision.StartRun(), new Decision.CompleteRun(Json.object())), Instant.now()));
        tx.executeWithoutResult(s -> store.apply(store.lock(parent.id()).orElseThrow(),
                List.of(new Decision.CancelStep("other")), Instant.now()));

        assertThat(store.finishedChildWaits(1000)).contains(new RunStore.ChildWait(new StepRef(parent.id(), "call"), child.id()));
        assertThat(store.orphanedChildRuns(1000)).contains(orphan.id()).doesNotContain(child.id());
        assertThat(store.find(APP, orphan.id(), false).orElseThrow().lineage()).isEqualTo(new Lineage(parent.id(), "other", 1));
    }

    @Test
    void runsWithAConcurrencyKeyAreCountedByKeyAndTheWaitingOnesListedInSubmissionOrder() throws Exception {
        String key = "user-" + UUID.randomUUID();
        Admission keyed = new Admission(7, key, 2, null);
        Instant t0 = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MICROS);
        NewRun first = withAdmission(newRun(null, t0), keyed);
        NewRun second = withAdmission(newRun(null, t0.plusSeconds(1)), keyed);
        NewRun third = withAdmission(newRun(null, t0.plusSeconds(2)), keyed);
        List.of(third, first, second).forEach(store::insert);
        tx.executeWithoutResult(s -> store.apply(store.lock(first.id()).orElseThrow(), List.of(new Decision.StartRun()),
                Instant.now()));
        store.waitForSlot(second.id(), "waiting for a slot", t0.plusSeconds(1));

        assertThat(store.runningWithKey(APP, key)).isEqualTo(1);
        assertThat(store.pendingWithKey(APP, key, 10)).containsExactly(second.id(), third.id());
        assertThat(store.stalePendingRuns(Instant.now(), 1000)).as("waiting on purpose").doesNotContain(second.id());
        assertThat(store.keysWithWaitingRuns(Instant.now(), 1000)).contains(new RunStore.ConcurrencyKey(APP, key));
        RunRecord waiting = store.find(APP, second.id(), false).orElseThrow();
        assertThat(waiting.admission()).isEqualTo(new Admission(7, key, 2, "waiting for a slot"));
        assertThat(store.events(second.id(), 0, 10)).extracting(RunEventRecord::type).containsExactly("run.created", "run.waiting");
        assertThat(store.events(second.id(), 0, 10).getLast().data().get("reason").asString()).isEqualTo("waiting for a slot");
        tx.executeWithoutResult(s -> store.apply(store.lock(second.id()).orElseThrow(), List.of(new Decision.StartRun()),
                Instant.now()));
        assertThat(store.find(APP, second.id(), false).orElseThrow().admission().statusReason()).as("cleared on start").isNull();
        assertThat(store.dueSteps(Instant.now(), 1000)).noneMatch(s -> s.ref().runId().equals(first.id()));

        // the key's lock is held until the transaction ends: a second locker waits for it
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newSingleThreadExecutor()) {
            Future<?> holder = pool.submit(() -> tx.executeWithoutResult(s -> {
                store.lockConcurrencyKey(APP, key);
                locked.countDown();
                awaitQuietly(release);
            }));
            locked.await();
            long[] acquiredAt = new long[1];
            Thread other = Thread.ofVirtual().start(() -> tx.executeWithoutResult(s -> {
                store.lockConcurrencyKey(APP, key);
                acquiredAt[0] = System.nanoTime();
            }));
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> acquiredAt[0] == 0);
            long released = System.nanoTime();
            release.countDown();
            holder.get();
            other.join();
            assertThat(acquiredAt[0]).as("the second locker got the key after the first let go").isGreaterThan(released);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static NewRun withAdmission(NewRun r, Admission admission) {
        return new NewRun(r.id(), r.appId(), r.workflowSlug(), r.workflowVersion(), r.definition(), r.input(), r.webhookUrl(),
                r.idempotencyKey(), r.requestHash(), r.createdAt(), r.deadline(), r.scheduleId(), r.lineage(), admission,
                r.steps());
    }

    private static NewRun withLineage(NewRun r, Lineage lineage) {
        return new NewRun(r.id(), r.appId(), r.workflowSlug(), r.workflowVersion(), r.definition(), r.input(), r.webhookUrl(),
                r.idempotencyKey(), r.requestHash(), r.createdAt(), r.deadline(), r.scheduleId(), lineage, r.admission(), r.steps());
    }

    @Test
    void findsOverdueRunsRunsNeverStartedAndEveryRunningStepWhateverItsLease() {
        Instant created = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MICROS);
        NewRun neverStarted = newRun(null, created); // its deadline (created + 1 h) has passed too
        store.insert(neverStarted);
        StepRef running = queuedStep();
        ClaimedStep held = store.claim(running, "w", Instant.now(), Duration.ofHours(1)).orElseThrow();

        assertThat(store.stalePendingRuns(Instant.now().minus(Duration.ofMinutes(1)), 100)).contains(neverStarted.id())
                .doesNotContain(running.runId());
        assertThat(store.overdueRuns(Instant.now(), 100)).contains(neverStarted.id()).doesNotContain(running.runId());
        assertThat(store.allRunningSteps()).extracting(RunStore.ExpiredLease::leaseToken).contains(held.leaseToken());
        assertThat(store.expiredLeases(1000)).extracting(RunStore.ExpiredLease::leaseToken)
                .doesNotContain(held.leaseToken());
    }

    private void applyAndCompare(String runId, RunStore.AttemptInput input, Decision... decisions) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        RunStore.Applied applied = tx.execute(s -> {
            RunRecord locked = store.lock(runId).orElseThrow();
            return input == null ? store.apply(locked, List.of(decisions), now)
                    : store.apply(locked, List.of(decisions), now, input);
        });
        assertThat(applied.steps()).as("after %s", List.of(decisions))
                .usingRecursiveFieldByFieldElementComparator()
                .containsExactlyElementsOf(store.find(APP, runId, true).orElseThrow().steps());
    }

    private ClaimedStep claim(String runId, String stepId) {
        return tx.execute(s -> store.claim(new StepRef(runId, stepId), "owner", Instant.now(), Duration.ofMinutes(1)))
                .orElseThrow();
    }

    private static Instant past() {
        return Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.MICROS);
    }

    @Test
    void aTransactionsHistoryIsWrittenInOrderAtItsCommitAndNotAtAllWhenItRollsBack() {
        NewRun run = newRun(null);
        store.insert(run);

        tx.executeWithoutResult(s -> {
            store.appendEvent(run.id(), "test.first", "a", 1, null, Instant.now());
            store.appendEvent(run.id(), "test.second", "a", 1, Json.parse("{\"n\": 2}"), Instant.now());
            assertThat(store.events(run.id(), 0, 100)).extracting(RunEventRecord::type).containsExactly("run.created");
        });
        tx.executeWithoutResult(s -> {
            store.appendEvent(run.id(), "test.rolled_back", "a", 1, null, Instant.now());
            s.setRollbackOnly();
        });

        assertThat(store.events(run.id(), 0, 100)).extracting(RunEventRecord::type)
                .containsExactly("run.created", "test.first", "test.second");
        assertThat(store.events(run.id(), 0, 100).get(2).data()).isEqualTo(Json.parse("{\"n\": 2}"));
    }

    private StepRef queuedStep() {
        NewRun run = newRun(null);
        store.insert(run);
        Instant past = Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.MICROS);
        tx.executeWithoutResult(s -> store.apply(store.lock(run.id()).orElseThrow(),
                List.of(new Decision.StartRun(), new Decision.QueueStep("a", past)), past));
        return new StepRef(run.id(), "a");
    }

    @Test
    void countsAnAppsRunsPerStatusAndNoOtherApps() {
        String app = "count-app-" + System.nanoTime();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        for (int i = 0; i < 3; i++) {
            store.insert(newRun(app, "c" + i, now));
        }
        RunRecord started = store.find(app, store.list(app, new RunFilter(null, null, null, null, null), null, 1).getFirst().id(), false)
                .orElseThrow();
        tx.executeWithoutResult(s -> store.apply(store.lock(started.id()).orElseThrow(), List.of(new Decision.StartRun()), now));
        store.insert(newRun("another-" + app, "x", now));

        assertThat(store.countByStatus(app)).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                dev.weft.engine.RunStatus.PENDING, 2L, dev.weft.engine.RunStatus.RUNNING, 1L));
        assertThat(store.countByStatus("no-such-app")).isEmpty();
    }

    private static NewRun newRun(String app, String idempotencyKey, Instant created) {
        return new NewRun(dev.weft.common.Ids.uuid7(Clock.systemUTC()), app, null, null, "{\"steps\": []}",
                Json.object(), null, idempotencyKey, "hash", created, created.plus(Duration.ofHours(1)), null,
                dev.weft.store.Lineage.NONE, dev.weft.store.Admission.DEFAULT, List.of(new NewRun.StepSeed("a", "transform")));
    }

    private static NewRun newRun(String idempotencyKey) {
        return newRun(idempotencyKey, Instant.now().truncatedTo(ChronoUnit.MICROS));
    }

    private static NewRun newRun(String idempotencyKey, Instant created) {
        return newRun(idempotencyKey, created, List.of(new NewRun.StepSeed("a", "transform")));
    }

    private static NewRun newRun(String idempotencyKey, Instant created, List<NewRun.StepSeed> steps) {
        return new NewRun(dev.weft.common.Ids.uuid7(Clock.systemUTC()), APP, null, null, "{\"steps\": []}",
                Json.object(), null, idempotencyKey, "hash", created, created.plus(Duration.ofHours(1)), null,
                dev.weft.store.Lineage.NONE, dev.weft.store.Admission.DEFAULT, steps);
    }

    private static <T> List<T> concurrently(int n, java.util.function.IntFunction<Callable<T>> task) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Callable<T> body = task.apply(i);
                futures.add(pool.submit(() -> {
                    start.await();
                    return body.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        }
    }
}
