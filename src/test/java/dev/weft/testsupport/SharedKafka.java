package dev.weft.testsupport;

import java.util.Map;
import java.util.UUID;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One real single-node KRaft broker for the whole test JVM (started on first use, stopped at exit),
 * and per application context its own topics and consumer group, so that contexts the test
 * framework keeps cached never consume each other's messages.
 */
public final class SharedKafka {

    private static EmbeddedKafkaKraftBroker broker;

    private SharedKafka() {}

    public static synchronized EmbeddedKafkaKraftBroker broker() {
        if (broker == null) {
            broker = new EmbeddedKafkaKraftBroker(1, 1);
            broker.brokerProperties(Map.of(
                    "group.initial.rebalance.delay.ms", "0",
                    "offsets.topic.num.partitions", "1",
                    "transaction.state.log.num.partitions", "1"));
            // By default the broker publishes its address as the system property spring.kafka.bootstrap-servers,
            // which would switch every later application context in this JVM to Kafka dispatch.
            broker.brokerListProperty("weft.test.kafka.brokers");
            broker.afterPropertiesSet();
            System.clearProperty("spring.kafka.bootstrap-servers");
            Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy));
        }
        return broker;
    }

    /** Kafka dispatch against the shared broker with topics and a consumer group of their own. */
    public static Map<String, Object> dispatchProperties() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        return Map.of("spring.kafka.bootstrap-servers", broker().getBrokersAsString(),
                "weft.kafka.topic", "weft.steps." + suffix,
                "weft.kafka.dead-letter-topic", "weft.steps." + suffix + ".DLT",
                "weft.kafka.consumer-group", "weft-workers-" + suffix,
                "weft.kafka.partitions", "3");
    }

    /** Kafka dispatch against the shared broker, with topics and a database of this context's own. */
    public static void register(DynamicPropertyRegistry registry) {
        String servers = broker().getBrokersAsString();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        registry.add("spring.kafka.bootstrap-servers", () -> servers);
        registry.add("weft.kafka.topic", () -> "weft.steps." + suffix);
        registry.add("weft.kafka.dead-letter-topic", () -> "weft.steps." + suffix + ".DLT");
        registry.add("weft.kafka.consumer-group", () -> "weft-workers-" + suffix);
        registry.add("weft.kafka.partitions", () -> "3");
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:kafka-" + suffix
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    }
}
