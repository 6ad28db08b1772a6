package dev.weft.bench.peer;

import dev.dbos.transact.DBOS;
import dev.dbos.transact.config.DBOSConfig;
import dev.dbos.transact.workflow.WorkflowHandle;
import dev.weft.bench.CpuTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs the peer's workloads and prints one {@code RESULT name value} line per figure:
 * a sequential latency sample (start → result of one run at a time) and a burn-down (N runs
 * started from 8 threads, then awaited), with commits per step from {@code pg_stat_database}.
 *
 * <p>Arguments: JDBC URL of an empty database, user, burn-down runs, latency runs.
 */
public final class DbosMain {

    private DbosMain() {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args[1];
        int runs = Integer.parseInt(args[2]);
        int latencyRuns = Integer.parseInt(args[3]);
        DBOSConfig config = DBOSConfig.defaults("weft-bench-peer").withDatabaseUrl(url).withDbUser(user)
                .withDbPassword("").disableAdminServer();
        try (DBOS dbos = new DBOS(config)) {
            Chain chain = dbos.registerProxy(Chain.class, new DbosChain(dbos));
            dbos.launch();
            burnDown(dbos, chain, Math.max(50, runs / 5), url, user, false); // warm-up
            List<Double> latency = new ArrayList<>();
            for (int i = 0; i < latencyRuns; i++) {
                long start = System.nanoTime();
                dbos.startWorkflow(() -> chain.run(0)).getResult();
                latency.add((System.nanoTime() - start) / 1e6);
            }
            Collections.sort(latency);
            result("latency_p50_ms", latency.get(latency.size() / 2));
            result("latency_p99_ms", latency.get((int) Math.ceil(0.99 * latency.size()) - 1));
            burnDown(dbos, chain, runs, url, user, true);
        }
        System.exit(0);
    }

    private static void burnDown(DBOS dbos, Chain chain, int runs, String url, String user, boolean report)
            throws Exception {
        Thread.sleep(1500);
        long commitsBefore = commits(url, user);
        Map<String, Double> cpuBefore = CpuTime.sample(ProcessHandle.current().pid());
        long start = System.nanoTime();
        List<WorkflowHandle<Map<String, Object>, RuntimeException>> handles = new ArrayList<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(8)) {
            List<Future<WorkflowHandle<Map<String, Object>, RuntimeException>>> started = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                int n = i;
                started.add(clients.submit(() -> dbos.startWorkflow(() -> chain.run(n))));
            }
            for (Future<WorkflowHandle<Map<String, Object>, RuntimeException>> f : started) {
                handles.add(f.get());
            }
        }
        for (WorkflowHandle<Map<String, Object>, RuntimeException> h : handles) {
            h.getResult();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Double> cpu = CpuTime.per(cpuBefore, CpuTime.sample(ProcessHandle.current().pid()), runs);
        Thread.sleep(1500);
        long commits = commits(url, user) - commitsBefore;
        if (report) {
            result("runs_per_s", runs / seconds);
            result("commits_per_step", commits / (3.0 * runs));
            // the peer's process holds its load generator too (the harness's share in Weft's rows)
            result("cpu_process_ms_per_run", cpu.get(CpuTime.SERVICE));
            result("cpu_postgres_ms_per_run", cpu.get(CpuTime.POSTGRES));
        }
    }

    private static long commits(String url, String user) throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, "");
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void result(String name, double value) {
        System.out.println("RESULT " + name + " " + value);
    }
}
