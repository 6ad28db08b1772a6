package dev.weft.bench;

/**
 * Idle RSS of a freshly started service, and the live heap that queued runs cost: the service runs
 * with {@code weft.engine.max-concurrent-steps=0}, so nothing executes; the live heap after a full
 * GC is read before and after queuing N three-step runs, and scaled to 10,000.
 */
final class QueuedHeap {

    private final Sizes sizes;

    QueuedHeap(Sizes sizes) {
        this.sizes = sizes;
    }

    void run(WeftProcess weft, Config config, Results results, String column) {
        Bench.sleep(5000); // let startup work settle
        results.add(column, "idle RSS, MiB", weft.rssMiB());
        // warm the request path first, so class loading and caches do not count as run memory
        Bench.submitAll(weft.client(), 200, 8, n -> Plans.chain(3, n, null));
        Bench.sleep(2000);
        double before = weft.liveHeapMiB(config);
        int runs = sizes.queuedRuns();
        Bench.submitAll(weft.client(), runs, 8, n -> Plans.chain(3, n, null));
        Bench.sleep(3000); // the outbox relay publishes the first steps (distributed mode)
        double after = weft.liveHeapMiB(config);
        results.add(column, "live heap per 10k queued runs, MiB", (after - before) * 10_000 / runs);
    }
}
