package dev.weft.dispatch.kafka;

import dev.weft.runs.StepDispatcher;
import dev.weft.store.ScheduledStep;
import dev.weft.store.StepRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka dispatch as seen by the coordinator: the intent to dispatch is an outbox row written in the
 * transaction that queued the step; after the commit the relay is woken to publish it.
 */
public class OutboxDispatcher implements StepDispatcher {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

    private final DispatchOutbox outbox;
    private final OutboxRelay relay;
    private final StepPublisher publisher;
    private final Duration redispatchAfter;
    private final Clock clock;
    /** Due steps the maintenance loop reported, and since when they have been seen unclaimed. */
    private final Map<StepRef, Instant> unclaimedSince = new ConcurrentHashMap<>();

    public OutboxDispatcher(DispatchOutbox outbox, OutboxRelay relay, StepPublisher publisher,
                            Duration redispatchAfter, Clock clock) {
        this.outbox = outbox;
        this.relay = relay;
        this.publisher = publisher;
        this.redispatchAfter = redispatchAfter;
        this.clock = clock;
    }

    @Override
    public void recordInTransaction(StepRef ref, Instant notBefore) {
        outbox.add(ref, notBefore, clock.instant());
    }

    @Override
    public void dispatch(StepRef ref, Instant notBefore) {
        relay.wake();
    }

    /**
     * A due step is normally claimed within moments of its message; one still unclaimed after
     * {@code redispatchAfter} lost its message (or sits in a long backlog, where one more copy is
     * harmless), so it is published again, at most once per that interval per process.
     */
    @Override
    public void redispatch(List<ScheduledStep> dueSteps, Instant now) {
        List<StepRef> due = dueSteps.stream().map(ScheduledStep::ref).toList();
        unclaimedSince.keySet().retainAll(new HashSet<>(due));
        for (ScheduledStep step : dueSteps) {
            StepRef ref = step.ref();
            Instant since = unclaimedSince.putIfAbsent(ref, now);
            if (since != null && !since.plus(redispatchAfter).isAfter(now)) {
                log.info("step '{}' of run {} has been due and unclaimed since {}; publishing it again",
                        ref.stepId(), ref.runId(), since);
                unclaimedSince.put(ref, now);
                publisher.publish(StepMessage.of(ref, now, step.priority())).exceptionally(e -> {
                    log.warn("republishing step '{}' of run {} failed; will try again", ref.stepId(), ref.runId(), e);
                    return null;
                });
            }
        }
    }
}
