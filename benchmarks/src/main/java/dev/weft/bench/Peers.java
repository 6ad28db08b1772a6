package dev.weft.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The limit (pgbench single-row inserts) and the peer (DBOS Java), on the same PostgreSQL. */
final class Peers {

    static final String PGBENCH = "pgbench (insert TPS)";
    static final String DBOS = "DBOS Java (PostgreSQL)";

    private final Config config;
    private final Postgres postgres;

    Peers(Config config, Postgres postgres) {
        this.config = config;
        this.postgres = postgres;
    }

    void pgbench(Results results, Path workDir) {
        double best = 0;
        for (int clients : config.sizes().pgbenchClients()) {
            double tps = postgres.pgbenchInsertTps(clients, config.sizes().pgbenchSeconds(), workDir);
            results.add(PGBENCH, "pgbench single-row insert TPS, -c " + clients, tps);
            best = Math.max(best, tps);
        }
        results.add(PGBENCH, "pgbench single-row insert TPS, best", best);
    }

    void dbos(Results results, Path workDir) {
        String db = postgres.create("bench_dbos");
        try {
            Files.createDirectories(workDir);
            Path log = workDir.resolve("dbos.log");
            Process p = new ProcessBuilder(config.java().toString(), "-cp", config.classpath(),
                    "dev.weft.bench.peer.DbosMain", postgres.url(db), postgres.user(),
                    Integer.toString(config.sizes().burnDownRuns()), Integer.toString(config.sizes().peerRuns()))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("the DBOS peer failed; see " + log);
            }
            Map<String, Double> figures = new HashMap<>();
            for (String line : Files.readAllLines(log)) {
                String[] parts = line.split(" ");
                if (parts.length == 3 && parts[0].equals("RESULT")) {
                    figures.put(parts[1], Double.parseDouble(parts[2]));
                }
            }
            results.add(DBOS, "3-step chain: submit → completed p50, ms", figures.get("latency_p50_ms"));
            results.add(DBOS, "3-step chain: submit → completed p99, ms", figures.get("latency_p99_ms"));
            results.add(DBOS, "burn-down, 3-step runs: runs/s", figures.get("runs_per_s"));
            results.add(DBOS, "database commits per step (burn-down)", figures.get("commits_per_step"));
            results.add(DBOS, "burn-down CPU per run, ms: " + CpuTime.SERVICE, figures.get("cpu_process_ms_per_run"));
            results.add(DBOS, "burn-down CPU per run, ms: " + CpuTime.POSTGRES, figures.get("cpu_postgres_ms_per_run"));
            results.add(DBOS, "burn-down CPU per run, ms: all of these",
                    figures.get("cpu_process_ms_per_run") + figures.get("cpu_postgres_ms_per_run"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            postgres.drop(db);
        }
    }

    static List<String> columns() {
        return List.of(PGBENCH, DBOS);
    }
}
