package dev.weft.dispatch.kafka;

import dev.weft.testsupport.SharedKafka;
import static org.awaitility.Awaitility.await;

import dev.weft.it.Http;
import dev.weft.it.TestSteps;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The whole application in Kafka dispatch mode against the shared test broker, driven over HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "weft.data-dir=target/test-data/kafka",
        "weft.bootstrap.app-id=kafka-app",
        "weft.bootstrap.api-key=" + KafkaTestBase.KEY,
        "weft.engine.poll-interval=PT0.1S",
        "weft.kafka.relay-interval=PT0.1S",
        "weft.providers.warm-up=false",
        // every step through the topic: these tests are about the broker path (see KafkaLocalContinuationTest)
        "weft.kafka.continue-locally=false"
})
@Import({TestSteps.class, FlakyPublisher.Config.class})
abstract class KafkaTestBase {

    static final String KEY = "wk_kafka_dispatch_test_key_00000001";

    @LocalServerPort
    int port;

    @Autowired
    KafkaDispatchProperties kafka;

    protected Http http;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        SharedKafka.register(registry);
    }

    @BeforeEach
    void client() {
        http = new Http("http://127.0.0.1:" + port, KEY);
        FlakyPublisher.failing = false;
    }

    String start(String body) {
        return http.post("/v1/workflows/run", body).expect(202).json().get("runId").asString();
    }

    JsonNode run(String runId) {
        return http.get("/v1/workflows/runs/" + runId).expect(200).json();
    }

    JsonNode awaitStatus(String runId, String status) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            last[0] = run(runId);
            org.assertj.core.api.Assertions.assertThat(last[0].get("status").asString())
                    .as("run %s: %s", runId, last[0]).isEqualTo(status);
        });
        return last[0];
    }

    /** Messages published to the steps topic so far, over all partitions. */
    long messagesOnStepsTopic() {
        return SharedKafka.broker().doWithAdminFunction(admin -> {
            try {
                Set<TopicPartition> partitions = admin.describeTopics(Set.of(kafka.topic())).allTopicNames().get()
                        .get(kafka.topic()).partitions().stream()
                        .map(p -> new TopicPartition(kafka.topic(), p.partition())).collect(Collectors.toSet());
                return admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                        .all().get().values().stream().mapToLong(o -> o.offset()).sum();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Waits until the workers' group has committed every message on the steps topic. */
    void awaitAllStepMessagesConsumed() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                SharedKafka.broker().doWithAdminFunction(admin -> {
                    try {
                        Set<TopicPartition> partitions = admin.describeTopics(Set.of(kafka.topic())).allTopicNames().get()
                                .get(kafka.topic()).partitions().stream()
                                .map(p -> new TopicPartition(kafka.topic(), p.partition())).collect(Collectors.toSet());
                        Map<TopicPartition, Long> ends = admin.listOffsets(partitions.stream()
                                        .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all().get()
                                .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
                        Map<TopicPartition, OffsetAndMetadata> committed = admin
                                .listConsumerGroupOffsets(kafka.consumerGroup()).partitionsToOffsetAndMetadata().get();
                        return ends.entrySet().stream().allMatch(e -> e.getValue() == 0
                                || (committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue()));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
    }
}
