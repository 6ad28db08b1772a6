package dev.weft.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void percentilesAreNearestRankWhateverTheOrderOfTheSample() {
        List<Double> values = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            values.add((double) i);
        }
        Collections.shuffle(values, new java.util.Random(7));
        Stats s = new Stats(values);

        assertEquals(50.0, s.p(50));
        assertEquals(95.0, s.p(95));
        assertEquals(99.0, s.p(99));
        assertEquals(100.0, s.max());
        assertEquals(1.0, s.p(0));
        assertEquals(100, s.count());
    }

    @Test
    void aSmallSampleRoundsTheRankUp() {
        Stats s = new Stats(List.of(30.0, 10.0, 20.0));

        assertEquals(20.0, s.p(50));
        assertEquals(30.0, s.p(99));
    }

    @Test
    void anEmptySampleHasNoPercentiles() {
        assertTrue(Double.isNaN(new Stats(List.of()).p(50)));
    }
}
