package dev.weft.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.store.ScheduledStep;
import dev.weft.store.StepRef;
import dev.weft.testsupport.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Embedded dispatch: due steps go to execution slots by their run's priority, then by when they fell due. */
class InProcessDispatcherTest {

    private static final Instant T = Instant.parse("2026-12-02T10:00:00Z");
    private final ManualClock clock = new ManualClock(T);
    private final InProcessDispatcher dispatcher = new InProcessDispatcher(clock);

    @Test
    void dueStepsAreTakenHighestPriorityFirstAndStepsNotYetDueWait() throws Exception {
        dispatcher.dispatch(step("low", T.minusSeconds(5), 1));
        dispatcher.dispatch(step("later", T.plusSeconds(10), 9));
        dispatcher.dispatch(step("high", T, 9));
        dispatcher.dispatch(step("middle", T.minusSeconds(1), 5));
        dispatcher.dispatch(step("also-middle", T, 5));

        assertThat(dispatcher.take().runId()).isEqualTo("high");
        assertThat(dispatcher.take().runId()).isEqualTo("middle");
        assertThat(dispatcher.take().runId()).as("same priority: the one due first").isEqualTo("also-middle");
        assertThat(dispatcher.take().runId()).isEqualTo("low");
        clock.advance(Duration.ofSeconds(10));
        assertThat(dispatcher.take().runId()).isEqualTo("later");
    }

    @Test
    void whenEverySlotIsBusyTheStepHandedOutWhenOneFreesIsTheHighestPriorityThen() throws Exception {
        ExecutionSlots slots = new ExecutionSlots(null, 1, false);
        slots.acquire(); // the only slot is busy
        dispatcher.dispatch(step("low", T, 1));
        CompletableFuture<StepRef> taken = CompletableFuture.supplyAsync(() -> {
            try {
                return dispatcher.takeWithSlot(slots);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        dispatcher.dispatch(step("high", T, 9));

        slots.release();

        assertThat(taken.get(10, TimeUnit.SECONDS).runId()).isEqualTo("high");
        assertThat(slots.tryAcquire()).as("the slot went with the step").isFalse();
        assertThat(dispatcher.take().runId()).isEqualTo("low");
    }

    @Test
    void aStepDispatchedTwiceIsQueuedOnce() throws Exception {
        dispatcher.dispatch(step("a", T, 5));
        dispatcher.dispatch(step("a", T, 5));

        assertThat(dispatcher.size()).isEqualTo(1);
        dispatcher.take();
        dispatcher.dispatch(step("a", T, 5));
        assertThat(dispatcher.size()).as("taken, so it may be offered again").isEqualTo(1);
    }

    private static ScheduledStep step(String runId, Instant at, int priority) {
        return new ScheduledStep(new StepRef(runId, "s"), at, priority);
    }
}
