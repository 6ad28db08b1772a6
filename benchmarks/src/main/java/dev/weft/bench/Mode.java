package dev.weft.bench;

/** The service's three deployments. */
enum Mode {
    EMBEDDED("embedded (H2, in-process)", false, false),
    POSTGRES("PostgreSQL, in-process", true, false),
    DISTRIBUTED("PostgreSQL + Kafka", true, true);

    final String label;
    final boolean postgres;
    final boolean kafka;

    Mode(String label, boolean postgres, boolean kafka) {
        this.label = label;
        this.postgres = postgres;
        this.kafka = kafka;
    }

    static Mode of(String name) {
        return switch (name.trim().toLowerCase()) {
            case "embedded", "h2" -> EMBEDDED;
            case "postgres", "pg" -> POSTGRES;
            case "distributed", "kafka" -> DISTRIBUTED;
            default -> throw new IllegalArgumentException("unknown mode " + name + "; use embedded, postgres, distributed");
        };
    }
}
