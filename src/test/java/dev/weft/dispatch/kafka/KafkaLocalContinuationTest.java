package dev.weft.dispatch.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.it.TestSteps;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Kafka dispatch with local continuation (the default): a worker claims the steps it makes ready
 * in the transaction that makes them ready while it has a free slot, and publishes them when it has
 * none. One slot, so both cases are reachable.
 */
class KafkaLocalContinuationTest extends KafkaTestBase {

    @DynamicPropertySource
    static void continueLocally(DynamicPropertyRegistry registry) {
        registry.add("weft.kafka.continue-locally", () -> "true");
        registry.add("weft.engine.max-concurrent-steps", () -> "1");
    }

    @Autowired
    MeterRegistry meters;

    @Test
    void aWorkerRunsTheStepsItMakesReadyItselfAndNoneCrossesTheBroker() {
        String key = UUID.randomUUID().toString();
        long messagesBefore = messagesOnStepsTopic();
        double continuedBefore = continued();

        String runId = start("""
                {"plan": {"steps": [
                  {"id": "a", "type": "test_flaky", "input": {"key": "%1$sa"}},
                  {"id": "b", "type": "test_flaky", "input": {"key": "%1$sb"}},
                  {"id": "c", "type": "test_flaky", "input": {"key": "%1$sc"}}]}}""".formatted(key));

        awaitStatus(runId, "completed");
        for (String step : new String[] {"a", "b", "c"}) {
            assertThat(TestSteps.EXECUTIONS.get(key + step).get()).isEqualTo(1);
        }
        // the finishing step's slot goes to the step it made ready: one slot runs the whole chain
        assertThat(continued() - continuedBefore).isEqualTo(3);
        assertThat(messagesOnStepsTopic()).isEqualTo(messagesBefore);
    }

    @Test
    void aStepMadeReadyWhileEverySlotIsBusyGoesThroughTheBrokerAndRuns() {
        String key = UUID.randomUUID().toString();
        long messagesBefore = messagesOnStepsTopic();

        String runId = start("""
                {"plan": {"steps": [
                  {"id": "hold", "type": "test_hold", "input": {"key": "%1$shold"}, "dependsOn": []},
                  {"id": "other", "type": "test_flaky", "input": {"key": "%1$sother"}, "dependsOn": []}]}}""".formatted(key));

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> messagesOnStepsTopic() > messagesBefore);
        assertThat(TestSteps.EXECUTIONS).doesNotContainKey(key + "other");
        TestSteps.HOLDS.computeIfAbsent(key + "hold", k -> new CountDownLatch(1)).countDown();
        JsonNode run = awaitStatus(runId, "completed");
        assertThat(TestSteps.EXECUTIONS.get(key + "hold").get()).isEqualTo(1);
        assertThat(TestSteps.EXECUTIONS.get(key + "other").get()).isEqualTo(1);
        assertThat(run.get("steps")).allSatisfy(s -> assertThat(s.get("attempts").asInt()).isEqualTo(1));
    }

    private double continued() {
        var counter = meters.find("weft.steps.continued_locally").counter();
        return counter == null ? 0 : counter.count();
    }
}
