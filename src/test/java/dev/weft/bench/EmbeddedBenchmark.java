package dev.weft.bench;

import dev.weft.WeftApplication;
import dev.weft.it.Http;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Throughput and latency of the embedded mode (H2 file, in-process dispatch) for a 3-step chain of
 * no-op {@code transform} steps, submitted over real HTTP by concurrent clients. Prints figures;
 * asserts nothing. Not part of the test suite (its name does not end in Test); run it with
 * {@code ./mvnw test -Dtest=EmbeddedBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dbench.runs=3000}.
 */
class EmbeddedBenchmark {

    private static final String KEY = "wk_benchmark_key_00000000000000000001";
    private static final String CHAIN = """
            {"plan": {"steps": [
              {"id": "a", "type": "transform", "input": {"v": "{{ input.n }}", "pad": "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}},
              {"id": "b", "type": "transform", "input": {"v": "{{ steps.a.output.v + 1 }}", "pad": "{{ steps.a.output.pad }}"}},
              {"id": "c", "type": "transform", "input": {"v": "{{ steps.b.output.v + 1 }}", "pad": "{{ steps.b.output.pad }}"}}]},
             "input": {"n": %d}}""";

    @Test
    void threeStepChain() throws Exception {
        int runs = Integer.getInteger("bench.runs", 2000);
        int clients = Integer.getInteger("bench.clients", 16);
        Path data = Files.createTempDirectory("weft-bench");
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(WeftApplication.class).run(
                "--server.port=0", "--weft.data-dir=" + data, "--weft.bootstrap.app-id=bench",
                "--weft.bootstrap.api-key=" + KEY, "--logging.level.root=WARN", "--weft.providers.warm-up=false")) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            Http http = new Http("http://127.0.0.1:" + port, KEY);
            JdbcClient jdbc = app.getBean(JdbcClient.class);

            drive(http, jdbc, Math.min(300, runs / 5), clients); // warm-up: JIT, caches, connection pool
            jdbc.sql("DELETE FROM run_events").update();
            jdbc.sql("DELETE FROM run_steps").update();
            jdbc.sql("DELETE FROM runs").update();

            long start = System.nanoTime();
            drive(http, jdbc, runs, clients);
            double seconds = (System.nanoTime() - start) / 1e9;

            List<Double> runLatency = millis(jdbc, "SELECT created_at AS a, finished_at AS b FROM runs");
            List<Double> firstStart = millis(jdbc, "SELECT r.created_at AS a, s.started_at AS b FROM runs r "
                    + "JOIN run_steps s ON s.run_id = r.id AND s.step_id = 'a'");
            List<Double> overhead = millis(jdbc, "SELECT p.finished_at AS a, s.started_at AS b FROM run_steps s "
                    + "JOIN run_steps p ON p.run_id = s.run_id AND ((s.step_id = 'b' AND p.step_id = 'a') "
                    + "OR (s.step_id = 'c' AND p.step_id = 'b'))");
            Runtime rt = Runtime.getRuntime();
            System.out.printf("%nWeft embedded benchmark: %d runs of a 3-step transform chain, %d HTTP clients, %d cores%n",
                    runs, clients, rt.availableProcessors());
            System.out.printf("  throughput           %8.1f runs/s  %8.1f steps/s%n", runs / seconds, 3 * runs / seconds);
            System.out.printf("  submit -> completed  p50 %7.1f ms  p99 %7.1f ms  max %7.1f ms%n",
                    pct(runLatency, 50), pct(runLatency, 99), pct(runLatency, 100));
            System.out.printf("  submit -> 1st start  p50 %7.1f ms  p99 %7.1f ms%n", pct(firstStart, 50), pct(firstStart, 99));
            System.out.printf("  step dispatch overhead (dependency done -> dependent started)  p50 %5.2f ms  p95 %5.2f ms  "
                    + "p99 %5.2f ms  max %6.2f ms%n", pct(overhead, 50), pct(overhead, 95), pct(overhead, 99), pct(overhead, 100));
            System.out.printf("  heap used after run  %d MiB%n%n", (rt.totalMemory() - rt.freeMemory()) >> 20);
        }
    }

    /** Submits {@code runs} runs from {@code clients} threads as fast as they are accepted, then waits for all. */
    private static void drive(Http http, JdbcClient jdbc, int runs, int clients) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            int n = i;
            futures.add(pool.submit(() -> http.post("/v1/workflows/run", CHAIN.formatted(n)).expect(202)));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (jdbc.sql("SELECT COUNT(*) FROM runs WHERE status <> 'completed'").query(Long.class).single() > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("runs did not complete within 10 minutes");
            }
            Thread.onSpinWait();
        }
    }

    private static List<Double> millis(JdbcClient jdbc, String sql) {
        List<Double> values = new ArrayList<>(jdbc.sql(sql).query((rs, i) ->
                Duration.between(rs.getObject("a", OffsetDateTime.class), rs.getObject("b", OffsetDateTime.class)).toNanos() / 1e6)
                .list());
        Collections.sort(values);
        return values;
    }

    private static double pct(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
