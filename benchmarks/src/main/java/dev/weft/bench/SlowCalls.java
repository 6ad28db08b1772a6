package dev.weft.bench;

/**
 * Many concurrent I/O-bound steps: {@code emit_webhook} steps to a local server that answers after
 * one second, 100 parallel steps per run (the definition limit), in a service started with
 * step slots and outbound connections for every call ({@link #serviceArgs}). Ideal: all done in
 * about one second after the last submission. Stops waiting after {@code slowCap} seconds and reports what completed.
 */
final class SlowCalls {

    private static final int WIDTH = 100;

    private final Sizes sizes;
    private final Receiver receiver;

    SlowCalls(Sizes sizes, Receiver receiver) {
        this.sizes = sizes;
        this.receiver = receiver;
    }

    void run(WeftClient client, Results results, String column) {
        int runs = Math.max(1, sizes.slowCalls() / WIDTH);
        int calls = runs * WIDTH;
        receiver.resetSlow();
        long start = System.nanoTime();
        Bench.submitAll(client, runs, 8, n -> Plans.slowCalls(WIDTH, receiver.slowUrl(), n));
        boolean drained = Bench.drain(client, sizes.slowCap());
        double seconds = (System.nanoTime() - start) / 1e9;
        int done = receiver.slowCalls();
        results.add(column, calls + " × 1 s calls: wall time, s" + (drained ? "" : " (capped)"), seconds);
        results.add(column, calls + " × 1 s calls: calls/s", done / seconds);
        results.add(column, calls + " × 1 s calls: peak concurrent", receiver.slowPeak());
    }

    /**
     * Step slots and outbound connections for every call at once: the default pool (256 per host)
     * would otherwise be what is measured, since every call goes to the one local server.
     */
    static java.util.List<String> serviceArgs(Sizes sizes) {
        int calls = Math.max(WIDTH, sizes.slowCalls() / WIDTH * WIDTH);
        return java.util.List.of("--weft.engine.max-concurrent-steps=" + calls, "--weft.outbound.max-connections=" + calls,
                "--weft.outbound.max-connections-per-host=" + calls);
    }
}
