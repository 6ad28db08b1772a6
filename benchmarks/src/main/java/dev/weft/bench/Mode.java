package dev.weft.bench;

import java.util.List;

/** The service's deployments, and the distributed one with every step on the broker. */
enum Mode {
    EMBEDDED("embedded (H2, in-process)", false, false, List.of()),
    POSTGRES("PostgreSQL, in-process", true, false, List.of()),
    DISTRIBUTED("PostgreSQL + Kafka", true, true, List.of()),
    /**
     * What a step costs when it crosses the broker (a step queued by an api-only process, or by a
     * worker with no free slot): local continuation off, so every step goes outbox → Kafka → claim.
     */
    DISTRIBUTED_BROKER("PostgreSQL + Kafka, every step via the broker", true, true,
            List.of("--weft.kafka.continue-locally=false")),
    /**
     * The distributed topology as deployed: one api process (submissions, no steps) and two worker
     * processes, on one PostgreSQL and one broker. On a two-core machine they share the cores with
     * the database and the broker, so this checks the topology's cost, not its scale.
     */
    CLUSTER("PostgreSQL + Kafka, 1 api + 2 workers", true, true, List.of());

    final String label;
    final boolean postgres;
    final boolean kafka;
    final List<String> serviceArgs;

    Mode(String label, boolean postgres, boolean kafka, List<String> serviceArgs) {
        this.label = label;
        this.postgres = postgres;
        this.kafka = kafka;
        this.serviceArgs = serviceArgs;
    }

    static Mode of(String name) {
        return switch (name.trim().toLowerCase()) {
            case "embedded", "h2" -> EMBEDDED;
            case "postgres", "pg" -> POSTGRES;
            case "distributed", "kafka" -> DISTRIBUTED;
            case "distributed-broker", "broker" -> DISTRIBUTED_BROKER;
            case "cluster" -> CLUSTER;
            default -> throw new IllegalArgumentException(
                    "unknown mode " + name + "; use embedded, postgres, distributed, distributed-broker, cluster");
        };
    }
}
