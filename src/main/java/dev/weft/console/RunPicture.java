package dev.weft.console;

import dev.weft.definition.OnError;
import dev.weft.definition.StepDefinition;
import dev.weft.definition.WorkflowDefinition;
import dev.weft.engine.FanOut;
import dev.weft.runs.web.RunView;
import dev.weft.store.RunEventRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the console draws of a run: its DAG with each node's status, and a waterfall of every
 * attempt, retry wait and signal wait on one time axis. Pure: built from the run view, its
 * definition and its history.
 */
public final class RunPicture {

    /** A node of the DAG as drawn: where, what, and how it went. */
    public record NodeView(String id, String type, String status, String duration, String items, double x, double y,
                           boolean selected) {}

    /** The DAG: size, nodes, edges. */
    public record GraphView(double width, double height, List<NodeView> nodes, List<DagLayout.Route> edges) {}

    /** One bar of the waterfall, in percent of the time axis. */
    public record Bar(String kind, double left, double width, String title) {}

    /** One row of the waterfall: a step or a fan-out item. */
    public record Lane(String id, boolean item, List<Bar> bars) {}

    /** A label on the time axis. */
    public record Tick(double left, String label) {}

    /** The waterfall; {@code hiddenItems} counts the fan-out items left out to keep it readable. */
    public record Waterfall(List<Lane> lanes, List<Tick> ticks, String span, int hiddenItems) {}

    /** Fan-out items shown in the waterfall per step at most. */
    static final int ITEMS_SHOWN = 12;

    private RunPicture() {}

    /** The layout of a definition's steps: dependencies, and dashed edges to fallback steps. */
    public static DagLayout.Graph layout(WorkflowDefinition definition) {
        List<DagLayout.Node> nodes = new ArrayList<>();
        List<DagLayout.Edge> edges = new ArrayList<>();
        for (StepDefinition s : definition.steps()) {
            nodes.add(new DagLayout.Node(s.id()));
            for (String dep : s.dependsOn()) {
                edges.add(new DagLayout.Edge(dep, s.id(), false));
            }
            if (s.onError() instanceof OnError.Fallback f) {
                edges.add(new DagLayout.Edge(s.id(), f.stepId(), true));
            }
        }
        return DagLayout.layout(nodes, edges);
    }

    /** The laid-out graph with the run's statuses; {@code run} null draws the definition alone. */
    public static GraphView graph(WorkflowDefinition definition, DagLayout.Graph layout, RunView run, String selected) {
        Map<String, RunView.StepView> steps = new HashMap<>();
        if (run != null && run.steps() != null) {
            run.steps().forEach(s -> steps.put(s.id(), s));
        }
        List<NodeView> nodes = new ArrayList<>();
        for (StepDefinition s : definition.steps()) {
            DagLayout.Placed at = layout.nodes().get(s.id());
            RunView.StepView view = steps.get(s.id());
            String status = view == null ? (run == null ? "defined" : "pending") : view.status();
            nodes.add(new NodeView(s.id(), s.type(), status, view == null ? null : duration(view.durationMs()),
                    view == null ? null : items(view.itemCounts()), at.x(), at.y(), s.id().equals(selected)));
        }
        return new GraphView(layout.width(), layout.height(), nodes, layout.edges());
    }

    /**
     * A node's last line: its status in words with a symbol (colour is never the only sign; symbols every system font has), then
     * the fan-out summary or the duration.
     */
    public static String statusLine(NodeView n) {
        String symbol = switch (n.status()) {
            case "succeeded" -> "✓ ";
            case "failed" -> "✗ ";
            case "running" -> "▶ ";
            case "waiting" -> "‖ ";
            case "skipped" -> "↷ ";
            case "cancelled" -> "■ ";
            case "defined" -> "";
            default -> "○ ";
        };
        String line = n.status().equals("defined") ? "" : symbol + n.status();
        String extra = n.items() != null ? n.items() : n.duration();
        if (extra != null) {
            line = line.isEmpty() ? extra : line + " · " + extra;
        }
        return line.length() > 32 ? line.substring(0, 31) + "…" : line;
    }

    /** "18/20 ✓ · 2 ✗ · 1 running" for a fan-out step, null for others. */
    static String items(Map<String, Integer> counts) {
        if (counts == null) {
            return null;
        }
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        StringBuilder text = new StringBuilder();
        text.append(counts.getOrDefault("succeeded", 0)).append('/').append(total).append(" ✓");
        if (counts.getOrDefault("failed", 0) > 0) {
            text.append(" · ").append(counts.get("failed")).append(" ✗");
        }
        int active = counts.getOrDefault("running", 0) + counts.getOrDefault("queued", 0) + counts.getOrDefault("waiting", 0);
        if (active > 0) {
            text.append(" · ").append(active).append(" active");
        }
        return text.toString();
    }

    /** A duration for people: 840 ms, 2.4 s, 3m 05s, 2h 10m. */
    public static String duration(Long millis) {
        if (millis == null) {
            return null;
        }
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = millis / 1000;
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh %02dm", seconds / 3600, (seconds % 3600) / 60);
    }

    /**
     * The waterfall of a run from its history: each attempt from {@code step.started} to its
     * outcome, the wait before a retry, and waits for a signal or a child run; what is still open
     * runs to {@code now}.
     */
    public static Waterfall waterfall(WorkflowDefinition definition, RunView run, List<RunEventRecord> events,
                                      Instant now) {
        Instant start = run.createdAt();
        Instant end = run.finishedAt() != null ? run.finishedAt() : now;
        for (RunEventRecord e : events) {
            if (e.at().isAfter(end)) {
                end = e.at();
            }
        }
        double total = Math.max(1, Duration.between(start, end).toMillis());
        record Open(String kind, Instant from, Integer attempt) {}
        Map<String, Open> open = new HashMap<>();
        Map<String, List<Bar>> bars = new LinkedHashMap<>();
        java.util.function.BiConsumer<String, Bar> add = (id, bar) -> bars.computeIfAbsent(id, k -> new ArrayList<>()).add(bar);
        for (RunEventRecord e : events) {
            String id = e.stepId();
            if (id == null) {
                continue;
            }
            Open was = open.remove(id);
            String type = e.type();
            String closedAs = switch (type) {
                case "step.succeeded" -> "succeeded";
                case "step.failed" -> "failed";
                case "step.cancelled" -> "cancelled";
                case "step.interrupted" -> "interrupted";
                case "step.retrying", "step.retry_scheduled" -> "retried";
                case "step.waiting", "step.deferred" -> "running";
                default -> null;
            };
            if (was != null) {
                String kind = was.kind().equals("attempt") ? (closedAs == null ? "running" : closedAs) : was.kind();
                add.accept(id, bar(kind, was.from(), e.at(), start, total, label(id, kind, was.attempt(), was.from(), e.at())));
            }
            switch (type) {
                case "step.started" -> open.put(id, new Open("attempt", e.at(), e.attempt()));
                case "step.retrying", "step.retry_scheduled", "step.deferred" -> open.put(id, new Open("backoff", e.at(), e.attempt()));
                case "step.waiting" -> open.put(id, new Open("waiting", e.at(), e.attempt()));
                default -> { }
            }
        }
        for (var entry : open.entrySet()) {
            Open o = entry.getValue();
            String kind = o.kind().equals("attempt") ? "running" : o.kind();
            add.accept(entry.getKey(), bar(kind, o.from(), end, start, total, label(entry.getKey(), kind, o.attempt(), o.from(), end)));
        }
        List<Lane> lanes = new ArrayList<>();
        int hidden = 0;
        Map<String, List<String>> itemsOf = new LinkedHashMap<>();
        for (String id : bars.keySet()) {
            if (FanOut.isItem(id)) {
                itemsOf.computeIfAbsent(FanOut.stepOf(id), k -> new ArrayList<>()).add(id);
            }
        }
        for (StepDefinition s : definition.steps()) {
            lanes.add(new Lane(s.id(), false, bars.getOrDefault(s.id(), List.of())));
            List<String> items = new ArrayList<>(itemsOf.getOrDefault(s.id(), List.of()));
            items.sort(java.util.Comparator.comparingInt(FanOut::indexOf));
            for (int i = 0; i < items.size(); i++) {
                if (i < ITEMS_SHOWN) {
                    lanes.add(new Lane(items.get(i), true, bars.get(items.get(i))));
                } else {
                    hidden++;
                }
            }
        }
        List<Tick> ticks = new ArrayList<>();
        for (int i = 0; i <= 4; i++) {
            ticks.add(new Tick(i * 25.0, duration((long) (total * i / 4))));
        }
        return new Waterfall(lanes, ticks, duration((long) total), hidden);
    }

    private static Bar bar(String kind, Instant from, Instant to, Instant start, double total, String title) {
        double left = Duration.between(start, from).toMillis() / total * 100;
        double width = Math.max(0.4, Duration.between(from, to).toMillis() / total * 100);
        left = Math.max(0, Math.min(99.6, left));
        return new Bar(kind, round(left), round(Math.min(width, 100 - left)), title);
    }

    private static String label(String id, String kind, Integer attempt, Instant from, Instant to) {
        String what = switch (kind) {
            case "backoff" -> "waiting to retry";
            case "waiting" -> "waiting";
            default -> "attempt " + (attempt == null ? "?" : attempt) + ": " + kind;
        };
        return id + " · " + what + " · " + duration(Duration.between(from, to).toMillis());
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
