package dev.weft.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * One repetition of one mode: three service JVMs, each on a fresh database (PostgreSQL modes) or
 * data directory (embedded), so no workload inherits another's tables.
 */
final class ModeRun {

    private final Config config;
    private final Postgres postgres;
    private final Receiver receiver;
    private final Mode mode;
    private final Path dir;

    ModeRun(Config config, Postgres postgres, Receiver receiver, Mode mode, Path dir) {
        this.config = config;
        this.postgres = postgres;
        this.receiver = receiver;
        this.mode = mode;
        this.dir = dir;
    }

    void run(Results results) {
        String column = mode.label;
        Sizes sizes = config.sizes();
        if (mode == Mode.CLUSTER) {
            if (config.runs("burndown")) {
                BenchMain.attempt(mode + ": burn-down", () -> cluster(results, column));
            }
            return;
        }
        if (config.runs("latency") || config.runs("burndown") || config.runs("ramp")) {
            BenchMain.attempt(mode + ": latency, burn-down, ramp", () -> withService("main", List.of(), (weft, db) -> {
                if (config.runs("latency")) {
                    new LatencyWorkload(sizes, receiver).run(weft.client(), results, column);
                }
                if (config.runs("burndown")) {
                    new BurnDown(sizes).run(weft.client(), weft.pid(), postgres, db, results, column);
                }
                if (config.runs("ramp")) {
                    new Ramp(sizes).run(weft.client(), results, column);
                }
            }));
        }
        if (config.runs("heap")) {
            BenchMain.attempt(mode + ": idle RSS, queued-run heap", () -> withService("heap",
                    List.of("--weft.engine.max-concurrent-steps=0"),
                    (weft, db) -> new QueuedHeap(sizes).run(weft, config, results, column)));
        }
        if (config.runs("streams")) {
            BenchMain.attempt(mode + ": open event streams", () -> withService("streams", List.of(),
                    (weft, db) -> new OpenStreams().run(weft, postgres, db, results, column)));
        }
        if (config.runs("soak") && mode == Mode.DISTRIBUTED) {
            Config.SoakSettings soak = config.soak();
            BenchMain.attempt(mode + ": soak", () -> new Soak(config, postgres, receiver, dir.resolve("soak"), soak.minutes(),
                    soak.rate(), soak.faultEveryMinutes()).run(mode, results, column));
        }
        if (config.runs("slow")) {
            BenchMain.attempt(mode + ": slow calls", () -> withService("slow",
                    SlowCalls.serviceArgs(sizes),
                    (weft, db) -> new SlowCalls(sizes, receiver).run(weft.client(), results, column)));
        }
    }

    /** Burn-down through the api process of an api + 2 workers topology; the service's CPU is all three. */
    private void cluster(Results results, String column) {
        String db = postgres.create("bench_weft");
        String suffix = "cluster" + System.nanoTime();
        List<WeftProcess> processes = new java.util.ArrayList<>();
        try {
            processes.add(WeftProcess.start(config, mode, postgres.url(db), config.kafka(), suffix, dir.resolve("api"),
                    List.of("--weft.role=api")));
            for (int i = 1; i <= 2; i++) {
                processes.add(WeftProcess.start(config, mode, postgres.url(db), config.kafka(), suffix,
                        dir.resolve("worker-" + i), List.of("--weft.role=worker")));
            }
            java.util.Set<Long> pids = new java.util.HashSet<>();
            processes.forEach(p -> pids.add(p.pid()));
            new BurnDown(config.sizes()).run(processes.getFirst().client(), pids, postgres, db, results, column);
        } finally {
            processes.forEach(WeftProcess::close);
            postgres.drop(db);
        }
    }

    private interface Body {
        void run(WeftProcess weft, String database);
    }

    private void withService(String name, List<String> extraArgs, Body body) {
        String db = mode.postgres ? postgres.create("bench_weft") : null;
        try (WeftProcess weft = WeftProcess.start(config, mode, db == null ? null : postgres.url(db), config.kafka(),
                dir.resolve(name), extraArgs)) {
            body.run(weft, db);
        } finally {
            if (db != null) {
                postgres.drop(db);
            }
        }
    }
}
