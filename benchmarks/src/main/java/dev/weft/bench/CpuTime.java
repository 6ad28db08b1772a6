package dev.weft.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time used so far by the processes that share the machine during a workload: the service,
 * PostgreSQL (every {@code postgres} process: the service's backends, the WAL writer, the
 * checkpointer), the Kafka broker and this harness. The difference of two samples, divided by the
 * runs done in between, says where a run's cost goes, and so what bounds the throughput.
 */
public final class CpuTime {

    public static final String SERVICE = "service";
    public static final String POSTGRES = "PostgreSQL";
    static final String KAFKA = "Kafka broker";
    static final String HARNESS = "harness";

    private CpuTime() {}

    /** CPU milliseconds by process group. */
    public static Map<String, Double> sample(long servicePid) {
        return sample(java.util.Set.of(servicePid));
    }

    /** CPU milliseconds by process group, the service being all of {@code servicePids}. */
    public static Map<String, Double> sample(java.util.Set<Long> servicePids) {
        Map<String, Double> ms = new LinkedHashMap<>();
        ms.put(SERVICE, 0.0);
        ms.put(POSTGRES, 0.0);
        ms.put(KAFKA, 0.0);
        ms.put(HARNESS, 0.0);
        long self = ProcessHandle.current().pid();
        ProcessHandle.allProcesses().forEach(p -> {
            ProcessHandle.Info info = p.info();
            String group = servicePids.contains(p.pid()) ? SERVICE : p.pid() == self ? HARNESS : groupOf(info);
            if (group != null) {
                ms.merge(group, info.totalCpuDuration().map(Duration::toNanos).orElse(0L) / 1e6, Double::sum);
            }
        });
        return ms;
    }

    private static String groupOf(ProcessHandle.Info info) {
        String command = info.command().orElse("");
        if (command.endsWith("/postgres")) {
            return POSTGRES;
        }
        String[] args = info.arguments().orElse(new String[0]);
        for (String a : args) {
            if (a.equals("kafka.Kafka")) {
                return KAFKA;
            }
        }
        return null;
    }

    /** {@code after − before} per unit of work, by group. */
    public static Map<String, Double> per(Map<String, Double> before, Map<String, Double> after, double units) {
        Map<String, Double> out = new LinkedHashMap<>();
        after.forEach((group, ms) -> out.put(group, (ms - before.getOrDefault(group, 0.0)) / units));
        return out;
    }
}
