package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code wait_for_signal} and {@code POST /v1/workflows/runs/{runId}/signals/{signal}} on each
 * backend: a waiting step holds no worker, completes with the signal's body, takes a signal sent
 * before it waited, times out, and the API refuses signals nobody waits on.
 */
abstract class SignalsTest extends ApiTestBase {

    private static final String APPROVAL_PLAN = """
            {"plan": {"steps": [
               {"id": "draft", "type": "transform", "input": {"text": "hello"}},
               {"id": "approve", "type": "wait_for_signal", "input": {"signal": "approval", "timeout": "PT1H"}},
               {"id": "publish", "type": "transform", "input": {"text": "{{ steps.draft.output.text }}",
                                                              "by": "{{ steps.approve.output.by }}"}}]}}""";

    private JsonNode awaitStep(String runId, String stepId, String status) {
        JsonNode[] run = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            run[0] = http.get("/v1/workflows/runs/" + runId).expect(200).json();
            assertThat(step(run[0], stepId).get("status").asString()).isEqualTo(status);
        });
        return run[0];
    }

    @Test
    void aWaitingStepCompletesWithTheSignalsBodyAndTheRunGoesOn() {
        String runId = start(APPROVAL_PLAN);
        JsonNode waiting = awaitStep(runId, "approve", "waiting");

        JsonNode sent = http.post("/v1/workflows/runs/" + runId + "/signals/approval", "{\"by\": \"ada\"}").expect(202).json();
        JsonNode done = awaitStatus(runId, "completed");

        assertThat(waiting.get("status").asString()).isEqualTo("running");
        assertThat(step(waiting, "approve").get("reason").asString()).startsWith("waiting for signal 'approval' until");
        assertThat(sent.get("consumedBy").asString()).isEqualTo("approve");
        assertThat(step(done, "approve").get("output").toString()).isEqualTo("{\"by\":\"ada\"}");
        assertThat(step(done, "publish").at("/output/by").asString()).isEqualTo("ada");
        JsonNode events = http.get("/v1/workflows/runs/" + runId + "/events").expect(200).json().get("events");
        assertThat(events.findValuesAsString("type")).contains("step.waiting", "signal.consumed");
    }

    @Test
    void aSignalSentBeforeTheStepWaitsIsKeptAndTakenWhenItDoes() {
        String key = "signal-early-" + System.nanoTime();
        String runId = start("""
                {"plan": {"steps": [
                   {"id": "slow", "type": "test_hold", "input": {"key": "%s"}},
                   {"id": "approve", "type": "wait_for_signal", "input": {"signal": "approval"}}]}}""".formatted(key));
        await().atMost(Duration.ofSeconds(30)).until(() -> TestSteps.EXECUTIONS.containsKey(key));

        JsonNode kept = http.post("/v1/workflows/runs/" + runId + "/signals/approval", "{\"early\": true}")
                .expect(202).json();
        TestSteps.HOLDS.computeIfAbsent(key, k -> new java.util.concurrent.CountDownLatch(1)).countDown();
        JsonNode done = awaitStatus(runId, "completed");

        assertThat(kept.get("kept").asBoolean()).isTrue();
        assertThat(kept.path("consumedBy").isString()).as("no step has taken it yet").isFalse();
        assertThat(step(done, "approve").at("/output/early").asBoolean()).isTrue();
    }

    @Test
    void signalsNoStepWaitsOnAndOtherAppsRunsAreRefused() {
        String runId = start(APPROVAL_PLAN);
        awaitStep(runId, "approve", "waiting");
        Http other = http.as(otherAppKey("signals-other-" + System.nanoTime()));

        JsonNode unknown = http.post("/v1/workflows/runs/" + runId + "/signals/shipping", "{}").expectProblem(409);
        other.post("/v1/workflows/runs/" + runId + "/signals/approval", "{}").expectProblem(404);
        http.post("/v1/workflows/runs/" + runId + "/signals/approval", "").expect(202);
        awaitStatus(runId, "completed");
        JsonNode finished = http.post("/v1/workflows/runs/" + runId + "/signals/approval", "{}").expectProblem(409);

        assertThat(unknown.get("detail").asString()).contains("shipping").contains("it waits for: approval");
        assertThat(finished.get("detail").asString()).contains("completed");
    }

    @Test
    void aWaitThatEndsWithoutASignalFailsTheStepWithSignalTimeoutAndOnErrorDecides() {
        String runId = start("""
                {"plan": {"steps": [
                   {"id": "approve", "type": "wait_for_signal", "input": {"signal": "approval", "timeout": "PT0.5S"},
                    "onError": "continue"},
                   {"id": "after", "type": "transform", "input": {"approved": "{{ steps.approve.output }}"}}]}}""");

        JsonNode done = awaitStatus(runId, "completed");

        assertThat(step(done, "approve").at("/error/code").asString()).isEqualTo("SIGNAL_TIMEOUT");
        assertThat(step(done, "after").at("/output/approved").isNull()).isTrue();
    }

    @Test
    void aSignalNameThatIsAnExpressionIsRefusedWhenTheWorkflowIsSaved() {
        JsonNode problem = http.post("/v1/workflows", """
                {"slug": "bad-signal", "steps": [{"id": "w", "type": "wait_for_signal", "input": {"signal": "{{ input.name }}"}}]}""")
                .expectProblem(422);

        assertThat(problem.at("/errors/0/code").asString()).isEqualTo("INVALID_SIGNAL");
        assertThat(problem.at("/errors/0/step").asString()).isEqualTo("w");
    }
}
