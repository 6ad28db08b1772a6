package dev.weft.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RampTest {

    private static final long T0 = 1_000_000L;
    private static final int SECONDS = 20;
    private static final int RATE = 100;

    @Test
    void aServiceThatKeepsUpHasAFlatBacklog() {
        Map<String, Long> due = new HashMap<>();
        Map<String, Long> finished = new HashMap<>();
        for (int i = 0; i < RATE * SECONDS; i++) {
            long at = T0 + i * 1000L / RATE;
            due.put("r" + i, at);
            finished.put("r" + i, at + 30); // every run takes 30 ms: about 3 open at any time
        }

        assertEquals(0.0, Ramp.backlogGrowth(due, finished, T0, SECONDS), 0.2);
    }

    @Test
    void aServiceThatFinishesHalfTheArrivalsGrowsItsBacklogByHalfTheRate() {
        Map<String, Long> due = new HashMap<>();
        Map<String, Long> finished = new HashMap<>();
        for (int i = 0; i < RATE * SECONDS; i++) {
            long at = T0 + i * 1000L / RATE;
            due.put("r" + i, at);
            if (i % 2 == 0) {
                finished.put("r" + i, at + 30);
            } // the odd ones never finish within the window
        }

        assertEquals(RATE / 2.0, Ramp.backlogGrowth(due, finished, T0, SECONDS), 1.0);
    }
}
