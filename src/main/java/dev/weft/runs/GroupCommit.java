package dev.weft.runs;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies many callers' work in one transaction (group commit), leader/follower style: a caller
 * queues its item, and whichever caller finds no batch in progress takes everything queued (up to
 * {@code maxBatch}) and applies it as one batch on its own thread; the others wait for their item's
 * answer. Nothing waits for a batch to fill: with nobody else queued, a caller's item is a batch of
 * one applied at once, so light load sees no added latency.
 *
 * <p>Failure isolation: when a batch throws, nothing of it was kept (the batch function runs in
 * one transaction that rolls back), and each of its items is applied again on its own caller's
 * thread through {@code alone}, so one bad item fails only its own caller. The batch function may
 * also leave items out of its answer (for example a run whose lock another thread holds); those
 * are applied alone too.
 *
 * @param <T> an item of work
 * @param <R> its answer
 */
final class GroupCommit<T, R> {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    private final int maxBatch;
    private final Function<List<T>, Map<T, R>> batch;
    private final Function<T, R> alone;
    private final IntConsumer batchSizes;
    private final Queue<Pending<T, R>> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock leader = new ReentrantLock();

    /**
     * @param batch      applies items in one transaction and answers those it applied (keyed by
     *                   identity); throws to have all of them applied alone
     * @param alone      applies one item by itself, on its caller's thread
     * @param batchSizes told how many items every commit applied, a batch's or one alone (for a metric)
     */
    GroupCommit(int maxBatch, Function<List<T>, Map<T, R>> batch, Function<T, R> alone, IntConsumer batchSizes) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1");
        }
        this.maxBatch = maxBatch;
        this.batch = batch;
        this.alone = alone;
        this.batchSizes = batchSizes;
    }

    /** Applies the item, in a batch with whatever else is queued, and answers it. */
    R submit(T item) {
        Pending<T, R> mine = new Pending<>(item);
        queue.add(mine);
        lead();
        Outcome<R> outcome = await(mine.answer);
        if (outcome.applied()) {
            return outcome.value();
        }
        R value = alone.apply(item);
        batchSizes.accept(1);
        return value;
    }

    /**
     * Applies queued batches while this thread can lead. A follower whose {@code tryLock} failed
     * queued its item before, and the leader looks at the queue again after unlocking, so no item is
     * left behind with nobody to apply it.
     */
    private void lead() {
        while (!queue.isEmpty() && leader.tryLock()) {
            try {
                List<Pending<T, R>> taken;
                while (!(taken = take()).isEmpty()) {
                    applyBatch(taken);
                }
            } finally {
                leader.unlock();
            }
        }
    }

    /** Items queued and not yet taken into a batch. */
    int queued() {
        return queue.size();
    }

    private List<Pending<T, R>> take() {
        List<Pending<T, R>> taken = new ArrayList<>();
        Pending<T, R> next;
        while (taken.size() < maxBatch && (next = queue.poll()) != null) {
            taken.add(next);
        }
        return taken;
    }

    private void applyBatch(List<Pending<T, R>> taken) {
        List<T> items = taken.stream().map(Pending::item).toList();
        Map<T, R> answers;
        try {
            answers = batch.apply(items);
        } catch (RuntimeException | Error e) {
            if (items.size() > 1) {
                log.warn("a batch of {} failed as a whole; each of its items is applied alone", items.size(), e);
            }
            taken.forEach(p -> p.answer.complete(Outcome.notApplied()));
            return;
        }
        if (!answers.isEmpty()) {
            batchSizes.accept(answers.size());
        }
        Map<T, R> byIdentity = new IdentityHashMap<>(answers);
        for (Pending<T, R> p : taken) {
            p.answer.complete(byIdentity.containsKey(p.item()) ? Outcome.of(byIdentity.get(p.item())) : Outcome.notApplied());
        }
    }

    private static <R> Outcome<R> await(CompletableFuture<Outcome<R>> answer) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return answer.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the item is queued: its answer must still be awaited
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private record Pending<T, R>(T item, CompletableFuture<Outcome<R>> answer) {
        Pending(T item) {
            this(item, new CompletableFuture<>());
        }
    }

    /** An item's answer, or word that the batch did not apply it. */
    private record Outcome<R>(boolean applied, R value) {
        static <R> Outcome<R> of(R value) {
            return new Outcome<>(true, value);
        }

        static <R> Outcome<R> notApplied() {
            return new Outcome<>(false, null);
        }
    }
}
