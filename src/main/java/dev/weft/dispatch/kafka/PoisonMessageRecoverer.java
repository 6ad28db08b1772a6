package dev.weft.dispatch.kafka;

import dev.weft.common.Failures;
import dev.weft.runs.StepDispatcher;
import dev.weft.engine.RunStatus;
import dev.weft.engine.StepStatus;
import dev.weft.store.RunStore;
import dev.weft.store.ScheduledStep;
import dev.weft.store.StepRef;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What happens to a step message that cannot be processed: it is published to the dead-letter
 * topic, and the run its key names (if any) has its queued steps dispatched again, since the
 * database, not the message, says what is left to do. The run is not failed for a bad message: a
 * step fails only when it cannot run itself, which the worker finds out when it runs it. If the
 * re-dispatch cannot be done now (the database is down), the maintenance loop publishes the due
 * steps again once they have waited unclaimed for {@code weft.kafka.redispatch-after}.
 */
public class PoisonMessageRecoverer implements ConsumerRecordRecoverer {

    private static final Logger log = LoggerFactory.getLogger(PoisonMessageRecoverer.class);

    private final ConsumerRecordRecoverer deadLetters;
    private final RunStore store;
    private final StepDispatcher dispatcher;
    private final TransactionTemplate tx;
    private final String deadLetterTopic;

    public PoisonMessageRecoverer(ConsumerRecordRecoverer deadLetters, RunStore store, StepDispatcher dispatcher,
                                  TransactionTemplate tx, String deadLetterTopic) {
        this.deadLetters = deadLetters;
        this.store = store;
        this.dispatcher = dispatcher;
        this.tx = tx;
        this.deadLetterTopic = deadLetterTopic;
    }

    @Override
    public void accept(ConsumerRecord<?, ?> record, Exception exception) {
        deadLetters.accept(record, exception);
        String where = record.topic() + "-" + record.partition() + "@" + record.offset();
        log.error("step message {} could not be processed ({}) and was moved to {}", where,
                Failures.describe(exception), deadLetterTopic, exception);
        if (record.key() instanceof String runId && !runId.isBlank()) {
            try {
                redispatchQueued(runId);
            } catch (RuntimeException e) {
                log.warn("could not re-dispatch the queued steps of run {} now; the maintenance loop will", runId, e);
            }
        }
    }

    private void redispatchQueued(String runId) {
        List<ScheduledStep> queued = tx.execute(status -> store.lock(runId)
                .filter(run -> run.status() == RunStatus.RUNNING)
                .map(run -> run.steps().stream()
                        .filter(s -> s.status() == StepStatus.QUEUED)
                        .map(s -> new ScheduledStep(new StepRef(runId, s.stepId()),
                                s.availableAt() == null ? Instant.EPOCH : s.availableAt()))
                        .peek(s -> dispatcher.recordInTransaction(s.ref(), s.at()))
                        .toList())
                .orElse(List.of()));
        if (queued != null && !queued.isEmpty()) {
            queued.forEach(s -> dispatcher.dispatch(s.ref(), s.at()));
            log.info("re-dispatched {} queued step(s) of run {} after an unreadable message", queued.size(), runId);
        }
    }
}
