package dev.weft.dispatch.kafka;

import dev.weft.dispatch.LocalContinuation;
import dev.weft.dispatch.StepWorker;
import dev.weft.store.ClaimedStep;
import dev.weft.store.StepRef;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.kafka.listener.AcknowledgingMessageListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.transaction.TransactionException;

/**
 * A worker process's step slots: consumes step messages, and, as {@link LocalContinuation}, lets
 * the transaction that makes a step ready claim it for this process when a slot is free (the step
 * then starts right after that commit, without the outbox, the broker or a claim transaction of its
 * own; the database claim is the same, so a process dying with it loses nothing: the lease expires).
 *
 * <p>Consumes step messages. Per record, on the consumer thread: claim the step in the database (its
 * own committed transaction), then acknowledge the offset; the claim, or the database's "no"
 * (already claimed, finished, cancelled, not yet due), is durable before the offset moves. The
 * step then executes on a virtual thread, so a step of many minutes never holds up the poll loop.
 * When {@code maxConcurrentSteps} steps are executing, the record is handed back
 * ({@link Acknowledgment#nack}: the consumer pauses briefly and polls it again).
 */
public class StepMessageListener implements AcknowledgingMessageListener<String, StepMessage>, LocalContinuation {

    private static final Logger log = LoggerFactory.getLogger(StepMessageListener.class);
    static final Duration SATURATED_BACKOFF = Duration.ofMillis(200);
    static final Duration DATABASE_BACKOFF = Duration.ofSeconds(1);

    private final StepWorker worker;
    private final Semaphore permits;
    private final boolean continueLocally;

    /** @param continueLocally whether to offer {@link LocalContinuation} ({@code weft.kafka.continue-locally}) */
    public StepMessageListener(StepWorker worker, int maxConcurrentSteps, boolean continueLocally) {
        this.worker = worker;
        this.permits = new Semaphore(maxConcurrentSteps);
        this.continueLocally = continueLocally;
    }

    @Override
    public Optional<ClaimedStep> tryClaim(StepRef ref) {
        if (!continueLocally || !permits.tryAcquire()) {
            return Optional.empty();
        }
        try {
            Optional<ClaimedStep> claim = worker.claimInCurrentTransaction(ref);
            if (claim.isEmpty()) {
                permits.release();
            }
            return claim;
        } catch (RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    @Override
    public void execute(ClaimedStep claim) {
        try {
            worker.executeAsync(claim, permits::release);
        } catch (RuntimeException e) { // rejected while shutting down: the lease expires, recovery requeues it
            permits.release();
            log.warn("could not start step '{}' of run {}", claim.stepId(), claim.runId(), e);
        }
    }

    @Override
    public void release(ClaimedStep claim) {
        worker.forget(claim);
        permits.release();
    }

    @Override
    public void onMessage(ConsumerRecord<String, StepMessage> record, Acknowledgment ack) {
        StepMessage message = record.value();
        if (!permits.tryAcquire()) {
            ack.nack(SATURATED_BACKOFF);
            return;
        }
        boolean executing = false;
        try {
            Optional<ClaimedStep> claim = worker.claim(message.ref());
            ack.acknowledge();
            if (claim.isPresent()) {
                worker.executeAsync(claim.get(), permits::release);
                executing = true;
            } else {
                log.debug("step '{}' of run {} is not claimable (taken, finished, cancelled or not yet due)",
                        message.stepId(), message.runId());
            }
        } catch (DataAccessException | TransactionException e) {
            // the database is the source of truth; without it nothing is decided, so try again
            log.warn("could not claim step '{}' of run {}; retrying: {}", message.stepId(), message.runId(), e.toString());
            ack.nack(DATABASE_BACKOFF);
        } finally {
            if (!executing) {
                permits.release();
            }
        }
    }
}
