package dev.weft.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The group commit's batching, on real threads: who applies what, in which batch, and what a failure costs. */
class GroupCommitTest {

    private final List<Integer> sizes = new CopyOnWriteArrayList<>();
    private final List<String> appliedAlone = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstBatchStarted = new CountDownLatch(1);

    private GroupCommit<String, String> commit(Function<List<String>, Map<String, String>> batch) {
        return new GroupCommit<>(100, batch, item -> {
            if (item.startsWith("bad")) {
                throw new IllegalStateException("cannot apply " + item);
            }
            appliedAlone.add(item);
            return item + " alone on " + Thread.currentThread().getName();
        }, sizes::add);
    }

    private static Map<String, String> all(List<String> items, String how) {
        Map<String, String> answers = new IdentityHashMap<>();
        items.forEach(i -> answers.put(i, i + " " + how));
        return answers;
    }

    @Test
    void aCallerWithNobodyQueuedIsABatchOfOneAppliedAtOnce() {
        List<String> appliedOn = new ArrayList<>();
        GroupCommit<String, String> commit = commit(items -> {
            appliedOn.add(Thread.currentThread().getName());
            return all(items, "in batch");
        });

        assertThat(commit.submit("a")).isEqualTo("a in batch");
        assertThat(sizes).containsExactly(1);
        assertThat(appliedOn).containsExactly(Thread.currentThread().getName());
    }

    @Test
    void itemsQueuedWhileABatchIsAppliedGoTogetherInTheNext() throws Exception {
        CountDownLatch firstBatchMayEnd = new CountDownLatch(1);
        GroupCommit<String, String> commit = commit(items -> {
            if (items.contains("first")) {
                firstBatchStarted.countDown();
                awaitLatch(firstBatchMayEnd);
            }
            return all(items, "in a batch of " + items.size());
        });
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> commit.submit("first"), Thread::startVirtualThread);
        firstBatchStarted.await();
        List<CompletableFuture<String>> rest = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String item = "item" + i;
            rest.add(CompletableFuture.supplyAsync(() -> commit.submit(item), Thread::startVirtualThread));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> commit.queued() == 10);

        firstBatchMayEnd.countDown();

        assertThat(first.get()).isEqualTo("first in a batch of 1");
        for (int i = 0; i < 10; i++) {
            assertThat(rest.get(i).get()).isEqualTo("item" + i + " in a batch of 10");
        }
        assertThat(sizes).containsExactly(1, 10);
        assertThat(appliedAlone).isEmpty();
    }

    @Test
    void aBatchThatFailsIsAppliedItemByItemSoOnlyTheBadItemFails() throws Exception {
        CountDownLatch firstBatchMayEnd = new CountDownLatch(1);
        GroupCommit<String, String> commit = commit(items -> {
            if (items.contains("first")) {
                firstBatchStarted.countDown();
                awaitLatch(firstBatchMayEnd);
            }
            if (items.stream().anyMatch(i -> i.startsWith("bad"))) {
                throw new IllegalStateException("one item of the batch failed");
            }
            return all(items, "in batch");
        });
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> commit.submit("first"), Thread::startVirtualThread);
        firstBatchStarted.await();
        CompletableFuture<String> good1 = CompletableFuture.supplyAsync(() -> commit.submit("good1"), Thread::startVirtualThread);
        CompletableFuture<String> bad = CompletableFuture.supplyAsync(() -> commit.submit("bad"), Thread::startVirtualThread);
        CompletableFuture<String> good2 = CompletableFuture.supplyAsync(() -> commit.submit("good2"), Thread::startVirtualThread);
        await().atMost(Duration.ofSeconds(10)).until(() -> commit.queued() == 3);

        firstBatchMayEnd.countDown();

        assertThat(first.get()).isEqualTo("first in batch");
        assertThat(good1.get()).startsWith("good1 alone");
        assertThat(good2.get()).startsWith("good2 alone");
        assertThatThrownBy(bad::join).hasRootCauseMessage("cannot apply bad");
        assertThat(appliedAlone).containsExactlyInAnyOrder("good1", "good2");
        assertThat(sizes).as("the failed batch applied nothing; the good items one each").containsExactly(1, 1, 1);
    }

    @Test
    void itemsABatchLeavesOutAreAppliedAloneOnTheirOwnThreads() throws Exception {
        CountDownLatch firstBatchMayEnd = new CountDownLatch(1);
        GroupCommit<String, String> commit = commit(items -> {
            if (items.contains("first")) {
                firstBatchStarted.countDown();
                awaitLatch(firstBatchMayEnd);
            }
            Map<String, String> answers = new IdentityHashMap<>();
            items.stream().filter(i -> !i.startsWith("busy")).forEach(i -> answers.put(i, i + " in batch"));
            return answers;
        });
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> commit.submit("first"), Thread::startVirtualThread);
        firstBatchStarted.await();
        CompletableFuture<String> taken = CompletableFuture.supplyAsync(() -> commit.submit("taken"), Thread::startVirtualThread);
        CompletableFuture<String> busy = CompletableFuture.supplyAsync(() -> {
            Thread.currentThread().setName("busy-caller");
            return commit.submit("busy");
        }, Thread::startVirtualThread);
        await().atMost(Duration.ofSeconds(10)).until(() -> commit.queued() == 2);

        firstBatchMayEnd.countDown();

        assertThat(taken.get()).isEqualTo("taken in batch");
        assertThat(busy.get()).isEqualTo("busy alone on busy-caller");
    }

    @Test
    void aBatchHoldsAtMostTheGivenNumberOfItems() {
        assertThatThrownBy(() -> new GroupCommit<String, String>(0, items -> Map.of(), item -> item, size -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
