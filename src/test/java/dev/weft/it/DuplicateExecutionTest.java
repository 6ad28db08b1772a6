package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.weft.runs.RunCoordinator;
import dev.weft.store.RunStore;
import dev.weft.store.StepRecord;
import dev.weft.store.StepRef;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** A step whose execution started twice (its first lease was lost) commits exactly one result. */
abstract class DuplicateExecutionTest extends ApiTestBase {

    @Autowired
    RunCoordinator coordinator;

    @Autowired
    RunStore store;

    @Test
    void theResultOfAnExecutionThatLostItsLeaseIsDiscarded() {
        String key = UUID.randomUUID().toString();
        TestSteps.HOLDS.put(key, new CountDownLatch(1));
        String runId = start("{\"plan\": {\"steps\": [{\"id\": \"hold\", \"type\": \"test_hold\", \"input\": {\"key\": \"" + key + "\"}}]}}");
        StepRecord firstLease = await().atMost(Duration.ofSeconds(20)).until(
                () -> store.find("it-app", runId, true).orElseThrow().steps().getFirst(),
                s -> s.leaseToken() != null && TestSteps.EXECUTIONS.containsKey(key));

        coordinator.onInterrupted(new StepRef(runId, "hold"), firstLease.attempt(), firstLease.leaseToken());
        await().atMost(Duration.ofSeconds(20)).until(() -> TestSteps.EXECUTIONS.get(key).get() == 2);
        TestSteps.HOLDS.get(key).countDown();

        JsonNode run = awaitStatus(runId, "completed");
        JsonNode events = http.get("/v1/workflows/runs/" + runId + "/events").json().get("events");
        assertThat(events.findValuesAsString("type")).filteredOn("step.succeeded"::equals).hasSize(1);
        assertThat(events.findValuesAsString("type")).contains("step.interrupted");
        assertThat(step(run, "hold").get("attempts").asInt()).isEqualTo(1);
        assertThat(step(run, "hold").get("interruptions").asInt()).isEqualTo(1);
    }
}
