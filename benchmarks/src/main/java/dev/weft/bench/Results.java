package dev.weft.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Figures by metric and column (a mode, "pgbench", "DBOS"), one value per repetition; printed as
 * the median of the repetitions with their spread (min–max).
 */
final class Results {

    private final Map<String, Map<String, List<Double>>> byMetric = new LinkedHashMap<>();
    private final List<String> columns = new ArrayList<>();

    void column(String name) {
        if (!columns.contains(name)) {
            columns.add(name);
        }
    }

    void add(String column, String metric, double value) {
        column(column);
        byMetric.computeIfAbsent(metric, m -> new LinkedHashMap<>())
                .computeIfAbsent(column, c -> new ArrayList<>()).add(value);
        System.out.printf("    %-14s %-48s %12.2f%n", column, metric, value);
    }

    Double median(String column, String metric) {
        List<Double> values = byMetric.getOrDefault(metric, Map.of()).get(column);
        return values == null || values.isEmpty() ? null : new Stats(values).p(50);
    }

    /** A markdown table: one row per metric, one column per mode, "median (min–max)". */
    String table() {
        StringBuilder out = new StringBuilder("| metric |");
        columns.forEach(c -> out.append(' ').append(c).append(" |"));
        out.append("\n|---|");
        columns.forEach(c -> out.append("---|"));
        out.append('\n');
        byMetric.forEach((metric, cells) -> {
            out.append("| ").append(metric).append(" |");
            for (String c : columns) {
                out.append(' ').append(cell(cells.get(c))).append(" |");
            }
            out.append('\n');
        });
        return out.toString();
    }

    private static String cell(List<Double> values) {
        if (values == null || values.isEmpty()) {
            return "–";
        }
        Stats s = new Stats(values);
        String median = format(s.p(50));
        return values.size() == 1 ? median : median + " (" + format(s.p(0)) + "–" + format(s.max()) + ")";
    }

    static String format(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        return a >= 1000 ? String.format("%,.0f", v) : a >= 100 ? String.format("%.0f", v)
                : a >= 10 ? String.format("%.1f", v) : String.format("%.2f", v);
    }
}
