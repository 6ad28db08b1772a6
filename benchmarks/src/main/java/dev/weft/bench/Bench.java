package dev.weft.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/** Small helpers shared by the workloads. */
final class Bench {

    private Bench() {}

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Submits {@code count} bodies from {@code clients} threads as fast as they are accepted; returns the run ids. */
    static List<String> submitAll(WeftClient client, int count, int clients, IntFunction<String> body) {
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(pool.submit(() -> client.submit(body.apply(n))));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> f : futures) {
                ids.add(f.get());
            }
            return ids;
        } catch (Exception e) {
            throw new IllegalStateException("submitting runs failed", e);
        }
    }

    /** Waits until no run is pending or running; false when {@code timeoutSeconds} passed first. */
    static boolean drain(WeftClient client, long timeoutSeconds) {
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        while (client.busy()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            sleep(50);
        }
        return true;
    }

    static void log(String format, Object... args) {
        System.out.printf("[bench] " + format + "%n", args);
    }
}
