package dev.weft.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/** The timestamps Weft recorded for one run and its steps, read from the run view. */
record RunTimes(String runId, String status, Instant created, Instant finished, Map<String, Instant> started,
                Map<String, Instant> stepFinished) {

    static RunTimes of(JsonNode view) {
        Map<String, Instant> started = new HashMap<>();
        Map<String, Instant> done = new HashMap<>();
        JsonNode steps = view.get("steps");
        if (steps != null) {
            for (JsonNode s : steps) {
                put(started, s.get("id").asString(), s.get("startedAt"));
                put(done, s.get("id").asString(), s.get("finishedAt"));
            }
        }
        return new RunTimes(view.get("runId").asString(), view.get("status").asString(), instant(view.get("createdAt")),
                instant(view.get("finishedAt")), started, done);
    }

    boolean completed() {
        return "completed".equals(status);
    }

    double submitToCompletedMs() {
        return ms(created, finished);
    }

    double submitToFirstStartMs() {
        return ms(created, started.values().stream().min(Instant::compareTo).orElse(null));
    }

    /** For each step with dependencies: its start minus its last dependency's finish, in ms. */
    void dispatchOverheads(Function<String, List<String>> dependencies, List<Double> into) {
        started.forEach((step, start) -> {
            List<String> deps = dependencies.apply(step);
            if (deps.isEmpty()) {
                return;
            }
            Instant ready = deps.stream().map(stepFinished::get).max(Instant::compareTo).orElseThrow();
            into.add(ms(ready, start));
        });
    }

    static double ms(Instant from, Instant to) {
        return from == null || to == null ? Double.NaN : Duration.between(from, to).toNanos() / 1e6;
    }

    static Instant instant(JsonNode node) {
        return node == null || node.isNull() ? null : Instant.parse(node.asString());
    }

    private static void put(Map<String, Instant> map, String id, JsonNode value) {
        Instant at = instant(value);
        if (at != null) {
            map.put(id, at);
        }
    }
}
