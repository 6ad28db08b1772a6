package dev.weft.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * Chains of 1, 3 and 10 steps and a diamond (1 → 10 → 1), each sent at a light fixed rate so the
 * figures are the engine's latency, not queueing: submit → completed, submit → first step start,
 * dependency finished → dependent started (dispatch overhead), completion → webhook received.
 */
final class LatencyWorkload {

    private record Shape(String name, IntFunction<String> body, Function<String, List<String>> dependencies) {}

    private final Sizes sizes;
    private final Receiver receiver;

    LatencyWorkload(Sizes sizes, Receiver receiver) {
        this.sizes = sizes;
        this.receiver = receiver;
    }

    void run(WeftClient client, Results results, String column) {
        String hook = receiver.hookUrl();
        List<Shape> shapes = List.of(
                new Shape("1-step chain", n -> Plans.chain(1, n, hook), LatencyWorkload::chainDependency),
                new Shape("3-step chain", n -> Plans.chain(3, n, hook), LatencyWorkload::chainDependency),
                new Shape("10-step chain", n -> Plans.chain(10, n, hook), LatencyWorkload::chainDependency),
                new Shape("diamond 1→10→1", n -> Plans.diamond(10, n, hook), LatencyWorkload::diamondDependency));
        // warm-up: JIT, caches, connection pools
        for (Shape shape : shapes) {
            sendAtRate(client, shape, Math.max(5, sizes.latencyRuns() / 5));
        }
        Bench.drain(client, 120);
        List<Double> overhead = new ArrayList<>();
        List<Double> firstStart = new ArrayList<>();
        List<Double> webhook = new ArrayList<>();
        for (Shape shape : shapes) {
            List<String> ids = sendAtRate(client, shape, sizes.latencyRuns());
            if (!Bench.drain(client, 300)) {
                throw new IllegalStateException(shape.name + " runs did not finish in 300 s");
            }
            List<Double> total = new ArrayList<>();
            for (String id : ids) {
                RunTimes t = RunTimes.of(client.run(id));
                if (!t.completed()) {
                    throw new IllegalStateException("run " + id + " ended " + t.status());
                }
                total.add(t.submitToCompletedMs());
                firstStart.add(t.submitToFirstStartMs());
                t.dispatchOverheads(shape.dependencies, overhead);
                awaitHook(id).ifPresent(arrival -> webhook.add(arrival - t.finished().toEpochMilli() * 1.0));
            }
            Stats s = new Stats(total);
            results.add(column, shape.name + ": submit → completed p50, ms", s.p(50));
            results.add(column, shape.name + ": submit → completed p99, ms", s.p(99));
        }
        Stats o = new Stats(overhead);
        results.add(column, "dispatch overhead p50, ms", o.p(50));
        results.add(column, "dispatch overhead p95, ms", o.p(95));
        results.add(column, "dispatch overhead p99, ms", o.p(99));
        results.add(column, "dispatch overhead max, ms", o.max());
        Stats f = new Stats(firstStart);
        results.add(column, "submit → first step start p50, ms", f.p(50));
        results.add(column, "submit → first step start p99, ms", f.p(99));
        Stats w = new Stats(webhook);
        results.add(column, "completion → webhook received p50, ms", w.p(50));
        results.add(column, "completion → webhook received p99, ms", w.p(99));
    }

    /** Sends {@code count} runs at {@code latencyRate} per second (open loop); returns their ids in order. */
    private List<String> sendAtRate(WeftClient client, Shape shape, int count) {
        Map<Integer, String> ids = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        long interval = 1_000_000_000L / sizes.latencyRate();
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                long wait = start + i * interval - System.nanoTime();
                if (wait > 0) {
                    Bench.sleep(wait / 1_000_000);
                }
                int n = i;
                senders.submit(() -> ids.put(n, client.submit(shape.body.apply(n))));
            }
        }
        return IntStream.range(0, count).mapToObj(ids::get).toList();
    }

    /** The webhook may trail the run's completion by the delivery worker's poll; wait for it a little. */
    private java.util.Optional<Long> awaitHook(String runId) {
        long deadline = System.currentTimeMillis() + 5_000;
        while (receiver.hookArrival(runId) == null && System.currentTimeMillis() < deadline) {
            Bench.sleep(20);
        }
        return java.util.Optional.ofNullable(receiver.hookArrival(runId));
    }

    private static List<String> chainDependency(String step) {
        int i = Integer.parseInt(step.substring(1));
        return i == 0 ? List.of() : List.of("s" + (i - 1));
    }

    private static List<String> diamondDependency(String step) {
        if (step.equals("top")) {
            return List.of();
        }
        if (step.startsWith("m")) {
            return List.of("top");
        }
        return IntStream.range(0, 10).mapToObj(i -> "m" + i).toList();
    }

}
