package dev.weft.bench;

import java.util.List;

/**
 * How much each workload does.
 *
 * @param latencyRuns    runs of each shape (chains of 1, 3, 10; diamond) sent at {@code latencyRate}
 * @param latencyRate    runs/s for the latency workloads: light load, so latency is not queueing
 * @param burnDownRuns   three-step runs submitted at once, then drained
 * @param rampRates      arrival rates of the open-loop ramp, runs/s, ascending
 * @param rampSeconds    how long each rate is held
 * @param slowCalls      steps that each wait one second on the local HTTP server
 * @param slowCap        seconds after which the slow-call workload stops waiting
 * @param queuedRuns     runs queued with the workers stopped, for the heap figure
 * @param peerRuns       runs of the peer's burn-down and of the sequential latency sample
 */
record Sizes(int latencyRuns, int latencyRate, int burnDownRuns, List<Integer> rampRates, int rampSeconds,
             int slowCalls, int slowCap, int queuedRuns, int peerRuns, List<Integer> pgbenchClients, int pgbenchSeconds) {

    static Sizes full() {
        return new Sizes(200, 10, 10_000, List.of(25, 50, 100, 150, 200, 300, 400), 20, 10_000, 120, 10_000, 2_000,
                List.of(2, 4, 8), 10);
    }

    static Sizes quick() {
        return new Sizes(30, 10, 500, List.of(25, 50, 100), 5, 300, 30, 1_000, 200, List.of(2, 8), 3);
    }
}
