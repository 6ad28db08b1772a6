package dev.weft.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * N three-step runs submitted as fast as the API accepts them, then drained: throughput from the
 * first run's creation to the last run's completion (the service's own timestamps), and, on
 * PostgreSQL, database commits per step.
 */
final class BurnDown {

    private static final int CLIENTS = 8;

    private final Sizes sizes;

    BurnDown(Sizes sizes) {
        this.sizes = sizes;
    }

    /**
     * @param servicePid the service's process, for its CPU time
     * @param database   the service's PostgreSQL database, or null
     */
    Figures run(WeftClient client, long servicePid, Postgres postgres, String database, Results results, String column) {
        return run(client, java.util.Set.of(servicePid), postgres, database, results, column);
    }

    /** @param servicePids every process of the service (one, or an api and its workers) */
    Figures run(WeftClient client, Set<Long> servicePids, Postgres postgres, String database, Results results, String column) {
        int runs = sizes.burnDownRuns();
        // warm-up as the peer gets one (a fifth of the runs): JIT, pools and caches, not measured
        Bench.submitAll(client, Math.max(50, runs / 5), CLIENTS, n -> Plans.chain(3, n, null));
        if (!Bench.drain(client, 600)) {
            throw new IllegalStateException("burn-down warm-up did not drain in 10 minutes");
        }
        Instant since = Instant.now().minusMillis(5);
        Bench.sleep(1500); // let the statistics of earlier work reach pg_stat_database
        long commitsBefore = database == null ? 0 : postgres.xactCommit(database);
        Map<String, Double> cpuBefore = CpuTime.sample(servicePids);
        Set<String> ids = new HashSet<>(Bench.submitAll(client, runs, CLIENTS, n -> Plans.chain(3, n, null)));
        if (!Bench.drain(client, 1800)) {
            throw new IllegalStateException("burn-down did not drain in 30 minutes");
        }
        Map<String, Double> cpuPerRun = CpuTime.per(cpuBefore, CpuTime.sample(servicePids), runs);
        Bench.sleep(1500);
        long commits = database == null ? 0 : postgres.xactCommit(database) - commitsBefore;
        Instant first = null;
        Instant last = null;
        List<Double> latency = new ArrayList<>();
        int failed = 0;
        for (JsonNode summary : client.runsSince(since)) {
            if (!ids.contains(summary.get("runId").asString())) {
                continue;
            }
            RunTimes t = RunTimes.of(summary);
            if (!t.completed()) {
                failed++;
                continue;
            }
            first = first == null || t.created().isBefore(first) ? t.created() : first;
            last = last == null || t.finished().isAfter(last) ? t.finished() : last;
            latency.add(t.submitToCompletedMs());
        }
        double seconds = RunTimes.ms(first, last) / 1000;
        double runsPerSecond = latency.size() / seconds;
        results.add(column, "burn-down, 3-step runs: runs/s", runsPerSecond);
        results.add(column, "burn-down: steps/s", 3 * runsPerSecond);
        Stats s = new Stats(latency);
        results.add(column, "burn-down: submit → completed p50, ms", s.p(50));
        results.add(column, "burn-down: submit → completed p99, ms", s.p(99));
        if (failed > 0) {
            results.add(column, "burn-down: runs not completed", failed);
        }
        if (database != null) {
            results.add(column, "database commits per step (burn-down)", commits / (3.0 * runs));
        }
        double total = 0;
        for (Map.Entry<String, Double> e : cpuPerRun.entrySet()) {
            if (e.getValue() > 0.001) {
                results.add(column, "burn-down CPU per run, ms: " + e.getKey(), e.getValue());
                total += e.getValue();
            }
        }
        results.add(column, "burn-down CPU per run, ms: all of these", total);
        return new Figures(runsPerSecond, 3 * runsPerSecond);
    }

    record Figures(double runsPerSecond, double stepsPerSecond) {}
}
