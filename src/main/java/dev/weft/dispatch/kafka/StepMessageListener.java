package dev.weft.dispatch.kafka;

import dev.weft.dispatch.ExecutionSlots;
import dev.weft.dispatch.StepWorker;
import dev.weft.store.ClaimedStep;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.kafka.listener.AcknowledgingMessageListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.transaction.TransactionException;

/**
 * Consumes step messages. Per record, on the consumer thread: claim the step in the database (its
 * own committed transaction), then acknowledge the offset; the claim, or the database's "no"
 * (already claimed, finished, cancelled, not yet due), is durable before the offset moves. The
 * step then executes on a virtual thread, so a step of many minutes never holds up the poll loop.
 *
 * <p>When every slot ({@code maxConcurrentSteps}) is busy, up to {@code heldSteps} messages are
 * held here, acknowledged, and the next free slot goes to the held step of the highest run
 * priority (then the one that arrived first): partitions deliver in order, so this is where a
 * priority can reorder anything. A held step is still only {@code queued} in the database; if this
 * process dies, the maintenance loop publishes it again once it has been due and unclaimed for
 * {@code redispatchAfter}. Beyond {@code heldSteps}, a record is handed back
 * ({@link Acknowledgment#nack}: the consumer pauses briefly and polls it again), so a saturated
 * worker never hoards what idle ones could run.
 */
public class StepMessageListener implements AcknowledgingMessageListener<String, StepMessage>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StepMessageListener.class);
    static final Duration SATURATED_BACKOFF = Duration.ofMillis(200);
    static final Duration DATABASE_BACKOFF = Duration.ofSeconds(1);

    private final StepWorker worker;
    private final ExecutionSlots slots;
    private final int heldSteps;
    private final PriorityBlockingQueue<Held> held = new PriorityBlockingQueue<>(16,
            Comparator.comparingInt((Held h) -> -h.message().priority()).thenComparingLong(Held::sequence));
    /** Held steps not yet handed a slot (the queue itself briefly lacks the one the feeder looks at). */
    private final AtomicInteger holding = new AtomicInteger();
    private final AtomicLong sequence = new AtomicLong();
    private final Thread feeder;

    /** @param heldSteps the most messages held for a slot when every slot is busy (0: none, hand them back) */
    public StepMessageListener(StepWorker worker, ExecutionSlots slots, int heldSteps) {
        this.worker = worker;
        this.slots = slots;
        this.heldSteps = heldSteps;
        this.feeder = Thread.ofVirtual().name("weft-held-steps").start(this::feed);
    }

    @Override
    public void onMessage(ConsumerRecord<String, StepMessage> record, Acknowledgment ack) {
        StepMessage message = record.value();
        if (holding.get() == 0 && slots.tryAcquire()) {
            claimAndExecute(message, ack);
            return;
        }
        if (holding.get() >= heldSteps) {
            ack.nack(SATURATED_BACKOFF);
            return;
        }
        holding.incrementAndGet();
        held.add(new Held(message, sequence.incrementAndGet()));
        ack.acknowledge();
    }

    /** With a slot taken: claims, acknowledges, and executes what was claimed. */
    private void claimAndExecute(StepMessage message, Acknowledgment ack) {
        boolean executing = false;
        try {
            Optional<ClaimedStep> claim = worker.claim(message.ref());
            ack.acknowledge();
            executing = execute(message, claim);
        } catch (DataAccessException | TransactionException e) {
            // the database is the source of truth; without it nothing is decided, so try again
            log.warn("could not claim step '{}' of run {}; retrying: {}", message.stepId(), message.runId(), e.toString());
            ack.nack(DATABASE_BACKOFF);
        } finally {
            if (!executing) {
                slots.release();
            }
        }
    }

    private boolean execute(StepMessage message, Optional<ClaimedStep> claim) {
        if (claim.isPresent()) {
            worker.executeAsync(claim.get(), slots::release);
            return true;
        }
        log.debug("step '{}' of run {} is not claimable (taken, finished, cancelled or not yet due)",
                message.stepId(), message.runId());
        return false;
    }

    /** Hands each free slot to the held step of the highest priority at that moment. */
    private void feed() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Held first = held.take();
                held.add(first);
                slots.acquire();
                Held best = held.poll();
                holding.decrementAndGet();
                boolean executing = false;
                try {
                    executing = execute(best.message(), worker.claim(best.message().ref()));
                } catch (RuntimeException e) {
                    // acknowledged already: the step stays queued and is published again when overdue
                    log.warn("could not claim held step '{}' of run {}; it is published again when overdue: {}",
                            best.message().stepId(), best.message().runId(), e.toString());
                } finally {
                    if (!executing) {
                        slots.release();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Steps held for a slot right now. */
    int holding() {
        return holding.get();
    }

    /** Stops handing out held steps (they stay queued in the database for another worker or a restart). */
    @Override
    public void close() {
        feeder.interrupt();
    }

    private record Held(StepMessage message, long sequence) {}
}
