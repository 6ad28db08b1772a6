package dev.weft.dispatch.kafka;

import dev.weft.testsupport.SharedKafka;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.weft.it.TestSteps;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;

class KafkaDispatchTest extends KafkaTestBase {

    @Autowired
    StepPublisher publisher;

    @Autowired
    DispatchOutbox outbox;

    @Autowired
    KafkaTemplate<String, Object> template;

    @Test
    void aRunOfThreeStepsCompletesThroughKafka() {
        String key = UUID.randomUUID().toString();

        String runId = start(threeSteps(key));

        JsonNode run = awaitStatus(runId, "completed");
        for (String step : List.of("a", "b", "c")) {
            assertThat(step(run, step).get("status").asString()).isEqualTo("succeeded");
            assertThat(TestSteps.EXECUTIONS.get(key + step).get()).isEqualTo(1);
        }
        assertThat(outbox.size()).isZero();
    }

    @Test
    void aDuplicateStepMessageDoesNotExecuteTheStepTwice() {
        String key = UUID.randomUUID().toString();
        String runId = start("""
                {"plan": {"steps": [{"id": "hold", "type": "test_hold", "input": {"key": "%s"}}]}}""".formatted(key));
        await().atMost(Duration.ofSeconds(30)).until(() -> TestSteps.EXECUTIONS.containsKey(key));

        publisher.publish(new StepMessage(runId, "hold", Instant.now())).join();
        publisher.publish(new StepMessage(runId, "hold", Instant.now())).join();
        awaitAllStepMessagesConsumed();
        release(key);
        awaitStatus(runId, "completed");
        publisher.publish(new StepMessage(runId, "hold", Instant.now())).join();
        awaitAllStepMessagesConsumed();

        assertThat(TestSteps.EXECUTIONS.get(key).get()).isEqualTo(1);
        assertThat(step(run(runId), "hold").get("attempts").asInt()).isEqualTo(1);
    }

    @Test
    void aPoisonMessageGoesToTheDeadLetterTopicTheRunKeepsGoingAndThePartitionKeepsMoving() throws Exception {
        String key = UUID.randomUUID().toString();
        String runId = start("""
                {"plan": {"steps": [{"id": "hold", "type": "test_hold", "input": {"key": "%s"}},
                                    {"id": "after", "type": "transform", "input": {"done": true}}]}}""".formatted(key));
        await().atMost(Duration.ofSeconds(30)).until(() -> TestSteps.EXECUTIONS.containsKey(key));

        for (int partition = 0; partition < 3; partition++) { // every later message queues behind one
            template.send(kafka.topic(), partition, runId, "{not json".getBytes(StandardCharsets.UTF_8)).get();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(deadLetters()).filteredOn(r -> runId.equals(r.key())).hasSize(3)
                        .allSatisfy(r -> assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo("{not json")));

        assertThat(run(runId).get("status").asString()).as("a bad message is not the run's failure").isEqualTo("running");
        release(key);
        JsonNode completed = awaitStatus(runId, "completed");
        assertThat(step(completed, "hold").get("attempts").asInt()).isEqualTo(1);
        String later = UUID.randomUUID().toString();
        awaitStatus(start(threeSteps(later)), "completed");
    }

    @Test
    void aRetryWithBackoffIsPublishedWhenDueAndTheRunCompletes() {
        String key = UUID.randomUUID().toString();

        String runId = start("""
                {"plan": {"steps": [{"id": "flaky", "type": "test_flaky", "input": {"key": "%s", "failTimes": 1},
                  "retry": {"maxAttempts": 2, "initialDelay": "PT1S"}}]}}""".formatted(key));

        JsonNode run = awaitStatus(runId, "completed");
        assertThat(step(run, "flaky").get("attempts").asInt()).isEqualTo(2);
        assertThat(TestSteps.EXECUTIONS.get(key).get()).isEqualTo(2);
    }

    @Test
    void theDispatchIntentIsCommittedWithTheRunSoAFailedPublishIsRetriedByTheRelay() {
        String key = UUID.randomUUID().toString();
        FlakyPublisher.failing = true;
        int refusedBefore = FlakyPublisher.refused.get();

        String runId = start("""
                {"plan": {"steps": [{"id": "only", "type": "test_flaky", "input": {"key": "%s"}}]}}""".formatted(key));
        await().atMost(Duration.ofSeconds(30)).until(() -> FlakyPublisher.refused.get() > refusedBefore + 1);

        assertThat(outbox.size()).isPositive();
        assertThat(TestSteps.EXECUTIONS).doesNotContainKey(key);
        FlakyPublisher.failing = false;
        awaitStatus(runId, "completed");
        assertThat(TestSteps.EXECUTIONS.get(key).get()).isEqualTo(1);
    }

    private static String threeSteps(String key) {
        return """
                {"plan": {"steps": [
                  {"id": "a", "type": "test_flaky", "input": {"key": "%1$sa"}},
                  {"id": "b", "type": "test_flaky", "input": {"key": "%1$sb"}},
                  {"id": "c", "type": "test_flaky", "input": {"key": "%1$sc"}}]}}""".formatted(key);
    }

    private static void release(String key) {
        TestSteps.HOLDS.computeIfAbsent(key, k -> new CountDownLatch(1)).countDown();
    }

    private static JsonNode step(JsonNode run, String id) {
        for (JsonNode s : run.get("steps")) {
            if (s.get("id").asString().equals(id)) {
                return s;
            }
        }
        throw new AssertionError("no step " + id + " in " + run);
    }

    private List<ConsumerRecord<String, byte[]>> deadLetters() {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.broker().getBrokersAsString()),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(kafka.deadLetterTopic()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                return partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
            });
        }
        return records;
    }
}
