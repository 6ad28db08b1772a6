package dev.weft.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * What {@code scripts/bench.sh} hands the harness.
 *
 * @param java       the JDK's {@code java} for the service and the peer (jcmd is its sibling)
 * @param serviceJar the service's executable jar
 * @param classpath  this harness's classpath, for the peer's JVM
 * @param pgAdminUrl a PostgreSQL database whose user may CREATE DATABASE
 * @param kafka      bootstrap servers of the broker for the distributed mode, or null to skip that mode
 * @param workDir    logs and data of this run
 * @param workloads  which workloads to run ({@code latency, burndown, ramp, heap, slow, streams}); all by default
 * @param serviceJvm extra JVM options for every service JVM ({@code --service-jvm=-XX:...}, repeatable),
 *                   for example to record a JFR profile
 * @param commit     the service's commit, for the report ({@code --commit=}, given by bench.sh)
 * @param soak       the soak's length, rate and fault interval ({@code --soak-minutes=20 --soak-rate=100
 *                   --soak-fault-every=4}); it runs only when {@code --workloads} names it, in the
 *                   distributed mode
 */
record Config(Path java, Path serviceJar, String classpath, String pgAdminUrl, String pgUser, String kafka,
              Path workDir, List<Mode> modes, int repetitions, Sizes sizes, boolean peers, Set<String> workloads,
              List<String> serviceJvm, String commit, SoakSettings soak) {

    /**
     * @param rate runs per second of the soak's mix: 50 by default, about half of what the mix sustains
     *             here (its fan-outs, delays and webhooks cost more than the ramp's 3-step chains, whose
     *             knee is 200 runs/s; 100 runs/s of the mix saturated the connection pool)
     */
    record SoakSettings(double minutes, double rate, double faultEveryMinutes) {}

    static final Set<String> WORKLOADS = Set.of("latency", "burndown", "ramp", "heap", "slow", "streams");
    /** Run only when asked for by name: {@code soak} takes {@code weft.bench.soak-minutes} (20) on its own. */
    static final Set<String> ON_REQUEST = Set.of("soak");

    boolean runs(String workload) {
        return workloads.contains(workload);
    }

    static Config parse(String[] args) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path jar = null;
        String pg = "jdbc:postgresql://127.0.0.1:5432/postgres";
        String user = "postgres";
        String kafka = null;
        Path work = Path.of("target", "bench");
        // the api + workers topology only when asked for (--modes=cluster): it repeats the distributed mode's figures
        List<Mode> modes = new ArrayList<>(Arrays.stream(Mode.values()).filter(m -> m != Mode.CLUSTER).toList());
        Integer reps = null;
        boolean quick = false;
        boolean peers = true;
        Set<String> workloads = WORKLOADS;
        List<String> serviceJvm = new ArrayList<>();
        String commit = "unknown";
        double soakMinutes = 20;
        double soakRate = 50;
        double soakFaultEvery = 4;
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            String v = kv.length > 1 ? kv[1] : "";
            switch (kv[0]) {
                case "--jar" -> jar = Path.of(v);
                case "--pg" -> pg = v;
                case "--pg-user" -> user = v;
                case "--kafka" -> kafka = v.isBlank() ? null : v;
                case "--work" -> work = Path.of(v);
                case "--modes" -> modes = List.of(v.split(",")).stream().map(Mode::of).toList();
                case "--reps" -> reps = Integer.parseInt(v);
                case "--quick" -> quick = true;
                case "--no-peers" -> peers = false;
                case "--workloads" -> workloads = workloads(v);
                case "--service-jvm" -> serviceJvm.add(v);
                case "--commit" -> commit = v;
                case "--soak-minutes" -> soakMinutes = Double.parseDouble(v);
                case "--soak-rate" -> soakRate = Double.parseDouble(v);
                case "--soak-fault-every" -> soakFaultEvery = Double.parseDouble(v);
                default -> throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        if (jar == null) {
            throw new IllegalArgumentException("--jar=<the service's jar> is required");
        }
        if (kafka == null) {
            modes = modes.stream().filter(m -> !m.kafka).toList();
        }
        if (reps == null) {
            reps = quick ? 1 : 3;
        }
        return new Config(java, jar, System.getProperty("java.class.path"), pg, user, kafka, work, modes, reps,
                quick ? Sizes.quick() : Sizes.full(), peers, workloads, List.copyOf(serviceJvm), commit,
                new SoakSettings(soakMinutes, soakRate, soakFaultEvery));
    }

    private static Set<String> workloads(String list) {
        Set<String> chosen = Set.of(list.split(","));
        for (String w : chosen) {
            if (!WORKLOADS.contains(w) && !ON_REQUEST.contains(w)) {
                throw new IllegalArgumentException("unknown workload " + w + "; use " + WORKLOADS + " or " + ON_REQUEST);
            }
        }
        return chosen;
    }
}
