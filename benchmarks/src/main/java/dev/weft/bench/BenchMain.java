package dev.weft.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Entry point: for each repetition, each mode in its own JVMs (one for the workloads, one with the
 * workers stopped for idle RSS and queued-run heap, one for the slow calls), then pgbench and the
 * DBOS peer; prints the table of medians with spread, and the ratios to the limit and the peer.
 */
public final class BenchMain {

    private BenchMain() {}

    public static void main(String[] args) throws IOException {
        Config config = Config.parse(args);
        Postgres postgres = new Postgres(config.pgAdminUrl(), config.pgUser());
        Results results = new Results();
        config.modes().forEach(m -> results.column(m.label));
        if (config.peers()) {
            Peers.columns().forEach(results::column);
        }
        String pgSettings = postgres.settings();
        Bench.log("modes %s, %d repetition(s), sizes %s", config.modes(), config.repetitions(), config.sizes());
        Bench.log("PostgreSQL: %s", pgSettings);
        try (Receiver receiver = new Receiver()) {
            for (int rep = 1; rep <= config.repetitions(); rep++) {
                Path repDir = config.workDir().resolve("rep" + rep);
                for (Mode mode : config.modes()) {
                    new ModeRun(config, postgres, receiver, mode, repDir.resolve(mode.name().toLowerCase())).run(results);
                }
                if (config.peers()) {
                    Peers peers = new Peers(config, postgres);
                    attempt("pgbench", () -> peers.pgbench(results, repDir.resolve("pgbench")));
                    attempt("DBOS peer", () -> peers.dbos(results, repDir.resolve("dbos")));
                }
            }
        }
        String report = "Weft benchmark, " + Instant.now() + ", commit " + config.commit() + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, " + memory() + ", Java "
                + System.getProperty("java.version") + ", PostgreSQL: " + pgSettings + ", "
                + config.repetitions() + " repetition(s): median (min–max)\n\n" + results.table() + "\n"
                + Ratios.table(results, config.modes());
        System.out.println();
        System.out.println(report);
        Files.createDirectories(config.workDir());
        Files.writeString(config.workDir().resolve("results.md"), report);
        Bench.log("written to %s", config.workDir().resolve("results.md").toAbsolutePath());
        System.exit(0);
    }

    private static String memory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Math.round(Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024.0) + " GiB";
                }
            }
        } catch (IOException e) {
            // not Linux: leave it out
        }
        return "memory unknown";
    }

    /** Runs one part; a failure is logged and leaves its figures out instead of ending the whole run. */
    static void attempt(String what, Runnable part) {
        Bench.log("%s ...", what);
        try {
            part.run();
        } catch (RuntimeException e) {
            Bench.log("%s FAILED: %s", what, e);
            e.printStackTrace(System.out);
        }
    }
}
