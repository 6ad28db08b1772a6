package dev.weft.bench;

import java.util.List;

/** Weft's medians against the limit (pgbench) and the peer (DBOS), per PostgreSQL mode. */
final class Ratios {

    private Ratios() {}

    static String table(Results results, List<Mode> modes) {
        Double pgbench = results.median(Peers.PGBENCH, "pgbench single-row insert TPS, best");
        Double dbosRuns = results.median(Peers.DBOS, "burn-down, 3-step runs: runs/s");
        Double dbosP50 = results.median(Peers.DBOS, "3-step chain: submit → completed p50, ms");
        StringBuilder out = new StringBuilder("| ratio (of medians) |");
        modes.forEach(m -> out.append(' ').append(m.label).append(" |"));
        out.append("\n|---|");
        modes.forEach(m -> out.append("---|"));
        out.append('\n');
        row(out, "burn-down steps/s ÷ pgbench insert TPS", modes, m -> div(results.median(m.label, "burn-down: steps/s"), pgbench));
        row(out, "knee steps/s ÷ pgbench insert TPS", modes, m -> div(results.median(m.label, "knee (ramp): steps/s"), pgbench));
        row(out, "burn-down runs/s ÷ DBOS runs/s", modes,
                m -> div(results.median(m.label, "burn-down, 3-step runs: runs/s"), dbosRuns));
        row(out, "DBOS 3-step p50 ÷ Weft 3-step p50 (>1: Weft faster)", modes,
                m -> div(dbosP50, results.median(m.label, "3-step chain: submit → completed p50, ms")));
        return out.toString();
    }

    private interface Cell {
        Double of(Mode mode);
    }

    private static void row(StringBuilder out, String name, List<Mode> modes, Cell cell) {
        out.append("| ").append(name).append(" |");
        for (Mode m : modes) {
            Double v = cell.of(m);
            out.append(' ').append(v == null ? "–" : String.format("%.2f", v)).append(" |");
        }
        out.append('\n');
    }

    private static Double div(Double a, Double b) {
        return a == null || b == null || b == 0 ? null : a / b;
    }
}
