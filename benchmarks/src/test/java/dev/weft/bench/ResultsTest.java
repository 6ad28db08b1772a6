package dev.weft.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultsTest {

    @Test
    void aCellIsTheMedianOfTheRepetitionsWithTheirSpread() {
        Results results = new Results();
        results.add("a", "runs/s", 240);
        results.add("a", "runs/s", 295);
        results.add("a", "runs/s", 229);
        results.add("b", "runs/s", 3.14159);
        results.add("b", "p50, ms", 12.345);

        assertEquals(240.0, results.median("a", "runs/s"));
        assertNull(results.median("a", "p50, ms"));
        List<String> lines = results.table().lines().toList();
        assertEquals("| metric | a | b |", lines.get(0));
        assertEquals("| runs/s | 240 (229–295) | 3.14 |", lines.get(2));
        assertEquals("| p50, ms | – | 12.3 |", lines.get(3));
    }

    @Test
    void figuresKeepThreeSignificantDigitsAndGroupThousands() {
        assertEquals("14,112", Results.format(14112.4));
        assertEquals("752", Results.format(752.2));
        assertEquals("9.60", Results.format(9.6));
        assertEquals("-0.38", Results.format(-0.384));
        assertEquals("n/a", Results.format(Double.NaN));
    }
}
