package dev.weft.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RatiosTest {

    @Test
    void ratiosDivideTheMediansOfWeftByThoseOfTheLimitAndThePeer() {
        Results results = new Results();
        String pg = Mode.POSTGRES.label;
        for (double v : new double[] {900, 905, 1_069}) {
            results.add(pg, "burn-down: steps/s", v);
        }
        results.add(pg, "burn-down, 3-step runs: runs/s", 302);
        results.add(pg, "3-step chain: submit → completed p50, ms", 9.75);
        results.add(Peers.PGBENCH, "pgbench single-row insert TPS, best", 14_112);
        results.add(Peers.DBOS, "burn-down, 3-step runs: runs/s", 752);
        results.add(Peers.DBOS, "3-step chain: submit → completed p50, ms", 3.02);

        List<String> lines = Ratios.table(results, List.of(Mode.POSTGRES, Mode.EMBEDDED)).lines().toList();

        assertEquals("| burn-down steps/s ÷ pgbench insert TPS | 0.06 | – |", lines.get(2));
        assertEquals("| knee steps/s ÷ pgbench insert TPS | – | – |", lines.get(3));
        assertEquals("| burn-down runs/s ÷ DBOS runs/s | 0.40 | – |", lines.get(4));
        assertEquals("| DBOS 3-step p50 ÷ Weft 3-step p50 (>1: Weft faster) | 0.31 | – |", lines.get(5));
    }
}
