package dev.weft.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

class RampTest {

    private static final long T0 = 1_000_000L;
    private static final int SECONDS = 20;
    private static final int RATE = 100;

    private final Map<String, Long> due = new HashMap<>();
    private final Map<String, Long> finished = new HashMap<>();

    /** Runs due at RATE per second over the window; those {@code finishes} accepts take 30 ms, the rest never end. */
    private void arrivals(IntPredicate finishes) {
        for (int i = 0; i < RATE * SECONDS; i++) {
            long at = T0 + i * 1000L / RATE;
            due.put("r" + i, at);
            if (finishes.test(i)) {
                finished.put("r" + i, at + 30);
            }
        }
    }

    @Test
    void aServiceThatKeepsUpHasAFlatBacklog() {
        arrivals(i -> true); // about 3 runs open at any time

        assertEquals(0.0, Ramp.backlogGrowth(due, finished, T0, SECONDS), 0.2);
    }

    @Test
    void aServiceThatFinishesHalfTheArrivalsGrowsItsBacklogByHalfTheRate() {
        arrivals(i -> i % 2 == 0);

        assertEquals(RATE / 2.0, Ramp.backlogGrowth(due, finished, T0, SECONDS), 1.0);
    }
}
