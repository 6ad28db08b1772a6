package dev.weft.dispatch.kafka;

import dev.weft.engine.StepError;
import dev.weft.runs.RunCoordinator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;

/**
 * What happens to a step message that cannot be processed: it is published to the dead-letter
 * topic, then the run its key names (if any) is failed with {@code DISPATCH_MESSAGE_INVALID}, so
 * it does not wait forever for a step nobody will run.
 */
public class PoisonMessageRecoverer implements ConsumerRecordRecoverer {

    public static final String CODE = "DISPATCH_MESSAGE_INVALID";
    private static final Logger log = LoggerFactory.getLogger(PoisonMessageRecoverer.class);

    private final ConsumerRecordRecoverer deadLetters;
    private final RunCoordinator coordinator;
    private final String deadLetterTopic;

    public PoisonMessageRecoverer(ConsumerRecordRecoverer deadLetters, RunCoordinator coordinator,
                                  String deadLetterTopic) {
        this.deadLetters = deadLetters;
        this.coordinator = coordinator;
        this.deadLetterTopic = deadLetterTopic;
    }

    @Override
    public void accept(ConsumerRecord<?, ?> record, Exception exception) {
        deadLetters.accept(record, exception);
        String where = record.topic() + "-" + record.partition() + "@" + record.offset();
        log.error("step message {} could not be processed and was moved to {}", where, deadLetterTopic, exception);
        if (record.key() instanceof String runId && !runId.isBlank()) {
            String message = "a dispatch message for this run could not be processed (" + reason(exception)
                    + "); it was moved to topic " + deadLetterTopic + " from " + where;
            coordinator.abort(runId, StepError.permanent(CODE, message)).ifPresent(status ->
                    log.warn("run {} is {} after an invalid dispatch message", runId, status.wire()));
        }
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
