package dev.weft.dispatch.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.weft.it.TestSteps;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Priority in the distributed mode: a worker whose every slot is busy holds the step messages it
 * receives and gives its next free slots to the highest run priority, whatever order the topic
 * delivered them in. A topic, consumer group and database of its own, one slot.
 */
@TestPropertySource(properties = {
        "weft.data-dir=target/test-data/kafka-priority",
        "weft.kafka.topic=weft.steps.priority-test",
        "weft.kafka.dead-letter-topic=weft.steps.priority-test.DLT",
        "weft.kafka.consumer-group=weft-priority-test",
        "weft.engine.max-concurrent-steps=1"
})
class KafkaPriorityTest extends KafkaTestBase {

    @Autowired
    StepMessageListener listener;

    @Test
    void aSaturatedWorkerGivesItsNextSlotsToTheHighestPriorityStepsItHolds() {
        String blocker = UUID.randomUUID().toString();
        String blockerRun = start(hold(blocker, 5));
        await().atMost(Duration.ofSeconds(30)).until(() -> TestSteps.EXECUTIONS.containsKey(blocker));

        List<String> low = new ArrayList<>();
        List<String> high = new ArrayList<>();
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) { // submitted first, so first on the topic
            String key = UUID.randomUUID().toString();
            release(key);
            low.add(key);
            runs.add(start(hold(key, 1)));
        }
        for (int i = 0; i < 3; i++) {
            String key = UUID.randomUUID().toString();
            release(key);
            high.add(key);
            runs.add(start(hold(key, 9)));
        }
        // every message acknowledged and held: none has run, the one slot being busy
        awaitAllStepMessagesConsumed();
        await().atMost(Duration.ofSeconds(30)).until(() -> listener.holding() == 6);
        assertThat(TestSteps.HOLD_STARTS).doesNotContainAnyElementsOf(low).doesNotContainAnyElementsOf(high);

        release(blocker);

        awaitStatus(blockerRun, "completed");
        runs.forEach(run -> awaitStatus(run, "completed"));
        List<String> order = TestSteps.HOLD_STARTS.stream().filter(k -> low.contains(k) || high.contains(k)).toList();
        assertThat(order.subList(0, 3)).as("the high-priority steps ran first").containsExactlyInAnyOrderElementsOf(high);
        assertThat(order.subList(3, 6)).containsExactlyInAnyOrderElementsOf(low);
        assertThat(listener.holding()).isZero();
    }

    private static String hold(String key, int priority) {
        return """
                {"priority": %d, "plan": {"steps": [{"id": "hold", "type": "test_hold", "input": {"key": "%s"}}]}}"""
                .formatted(priority, key);
    }

    private static void release(String key) {
        TestSteps.HOLDS.computeIfAbsent(key, k -> new CountDownLatch(1)).countDown();
    }
}
