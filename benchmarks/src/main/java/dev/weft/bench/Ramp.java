package dev.weft.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * Open-loop ramp of three-step runs: at each rate, run i is due at {@code t0 + i/rate} and is sent
 * then by its own virtual thread whatever earlier sends are doing, and its latency is counted from
 * that scheduled time (no coordinated omission). The knee is the highest rate at which the backlog
 * stays flat and p99 stays under one second; the ramp stops at the first rate that fails.
 */
final class Ramp {

    private final Sizes sizes;

    Ramp(Sizes sizes) {
        this.sizes = sizes;
    }

    void run(WeftClient client, Results results, String column) {
        int knee = 0;
        for (int rate : sizes.rampRates()) {
            Step step = hold(client, rate);
            results.add(column, "ramp " + rate + " runs/s: p99 from scheduled send, ms", step.p99);
            results.add(column, "ramp " + rate + " runs/s: backlog growth, runs/s", step.backlogGrowth);
            boolean ok = step.p99 < 1000 && step.flat && step.errors == 0;
            if (!ok) {
                Bench.log("ramp: %d runs/s fails (p99 %.0f ms, backlog growth %.1f runs/s, %d errors); stopping",
                        rate, step.p99, step.backlogGrowth, step.errors);
                break;
            }
            knee = rate;
        }
        results.add(column, "knee (ramp): runs/s", knee);
        results.add(column, "knee (ramp): steps/s", 3.0 * knee);
    }

    private record Step(double p99, double backlogGrowth, boolean flat, int errors) {}

    private Step hold(WeftClient client, int rate) {
        Instant since = Instant.now().minusMillis(5);
        int count = rate * sizes.rampSeconds();
        Map<String, Long> scheduled = new ConcurrentHashMap<>();
        AtomicInteger errors = new AtomicInteger();
        long t0 = System.currentTimeMillis() + 200;
        long t0Nanos = System.nanoTime() + 200_000_000L;
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                long dueNanos = t0Nanos + i * 1_000_000_000L / rate;
                long wait = dueNanos - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                long dueMillis = t0 + i * 1000L / rate;
                int n = i;
                senders.submit(() -> {
                    try {
                        scheduled.put(client.submit(Plans.chain(3, n, null)), dueMillis);
                    } catch (RuntimeException e) {
                        errors.incrementAndGet();
                    }
                });
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Bench.drain(client, 3L * sizes.rampSeconds() + 60);
        Map<String, Long> finished = new HashMap<>();
        for (JsonNode summary : client.runsSince(since)) {
            RunTimes t = RunTimes.of(summary);
            if (scheduled.containsKey(t.runId())) {
                finished.put(t.runId(), t.finished() == null ? Long.MAX_VALUE : t.finished().toEpochMilli());
            }
        }
        List<Double> latency = new ArrayList<>();
        scheduled.forEach((id, due) -> latency.add((double) (finished.getOrDefault(id, Long.MAX_VALUE) - due)));
        double growth = backlogGrowth(scheduled, finished, t0, sizes.rampSeconds());
        boolean flat = growth < 0.05 * rate + 1;
        Stats s = new Stats(latency);
        return new Step(s.p(99), growth, flat, errors.get());
    }

    /**
     * The backlog (sent, not yet finished) sampled every 100 ms over the window; its growth is the
     * difference between the mean of the last and of the second quarter, per second between them.
     */
    static double backlogGrowth(Map<String, Long> scheduled, Map<String, Long> finished, long t0, int seconds) {
        int samples = seconds * 10;
        double[] backlog = new double[samples];
        for (int k = 0; k < samples; k++) {
            long t = t0 + k * 100L;
            int open = 0;
            for (Map.Entry<String, Long> e : scheduled.entrySet()) {
                if (e.getValue() <= t && finished.getOrDefault(e.getKey(), Long.MAX_VALUE) > t) {
                    open++;
                }
            }
            backlog[k] = open;
        }
        double early = mean(backlog, samples / 4, samples / 2);
        double late = mean(backlog, 3 * samples / 4, samples);
        return (late - early) / (seconds / 2.0);
    }

    private static double mean(double[] values, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += values[i];
        }
        return to > from ? sum / (to - from) : 0;
    }
}
