package dev.weft.fault;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The test's own view of Weft's topics, through plain Kafka clients: publishes hand-made step
 * messages, tells when the workers' group has consumed everything, reads the dead-letter topic.
 */
final class StepTopic {

    static final String STEPS = "weft.steps";
    static final String DEAD_LETTERS = "weft.steps.DLT";
    static final String GROUP = "weft-workers";

    private final String bootstrapServers;

    StepTopic(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** A step message as Weft's relay writes it ({@code StepMessageCodec}), keyed by run id. */
    void publishStep(String runId, String stepId) throws Exception {
        publish(runId, """
                {"v":1,"runId":"%s","stepId":"%s","notBefore":"%s"}""".formatted(runId, stepId, Instant.now()));
    }

    void publish(String key, String value) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(STEPS, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    /** Waits until the workers' group has committed offsets at the end of every steps partition. */
    void awaitAllConsumed() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
                Set<TopicPartition> partitions = admin.describeTopics(List.of(STEPS)).allTopicNames().get()
                        .get(STEPS).partitions().stream()
                        .map(p -> new TopicPartition(STEPS, p.partition())).collect(Collectors.toSet());
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                        .partitionsToOffsetAndMetadata().get();
                var ends = admin.listOffsets(partitions.stream()
                        .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all().get();
                return partitions.stream().allMatch(p -> {
                    OffsetAndMetadata done = committed.get(p);
                    return (done == null ? 0 : done.offset()) >= ends.get(p).offset();
                });
            });
        }
    }

    /** Every record on the dead-letter topic so far. */
    List<ConsumerRecord<String, String>> deadLetters() {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(DEAD_LETTERS).stream()
                    .map(p -> new TopicPartition(DEAD_LETTERS, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }
}
