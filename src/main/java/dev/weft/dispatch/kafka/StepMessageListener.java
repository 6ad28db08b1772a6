package dev.weft.dispatch.kafka;

import dev.weft.dispatch.ExecutionSlots;
import dev.weft.dispatch.StepWorker;
import dev.weft.store.ClaimedStep;
import java.time.Duration;
import java.util.Optional;
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
 * When {@code maxConcurrentSteps} steps are executing, the record is handed back
 * ({@link Acknowledgment#nack}: the consumer pauses briefly and polls it again).
 */
public class StepMessageListener implements AcknowledgingMessageListener<String, StepMessage> {

    private static final Logger log = LoggerFactory.getLogger(StepMessageListener.class);
    static final Duration SATURATED_BACKOFF = Duration.ofMillis(200);
    static final Duration DATABASE_BACKOFF = Duration.ofSeconds(1);

    private final StepWorker worker;
    private final ExecutionSlots slots;

    public StepMessageListener(StepWorker worker, ExecutionSlots slots) {
        this.worker = worker;
        this.slots = slots;
    }

    @Override
    public void onMessage(ConsumerRecord<String, StepMessage> record, Acknowledgment ack) {
        StepMessage message = record.value();
        if (!slots.tryAcquire()) {
            ack.nack(SATURATED_BACKOFF);
            return;
        }
        boolean executing = false;
        try {
            Optional<ClaimedStep> claim = worker.claim(message.ref());
            ack.acknowledge();
            if (claim.isPresent()) {
                worker.executeAsync(claim.get(), slots::release);
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
                slots.release();
            }
        }
    }
}
