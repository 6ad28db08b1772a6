package dev.weft.it;

import dev.weft.runs.StepDispatcher;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Time limits, health, metrics and the API description. */
abstract class OperationsTest extends ApiTestBase {

    @Test
    void aStepThatExceedsItsTimeoutIsRetriedThenFailsWithStepTimeout() {
        String key = UUID.randomUUID().toString();
        String runId = start("""
                {"plan": {"steps": [{"id": "slow", "type": "test_hold", "timeout": "PT0.3S",
                  "retry": {"maxAttempts": 2, "initialDelay": "PT0.05S"}, "input": {"key": "%s"}}]}}""".formatted(key));

        JsonNode run = awaitStatus(runId, "failed");

        assertThat(step(run, "slow").get("attempts").asInt()).isEqualTo(2);
        assertThat(step(run, "slow").at("/error/code").asString()).isEqualTo("STEP_TIMEOUT");
        assertThat(run.at("/error/message").asString()).contains("'slow'", "PT0.3S");
        TestSteps.HOLDS.get(key).countDown();
    }

    @Test
    void aRunThatExceedsItsTimeoutFailsWithRunTimeout() {
        String runId = start("""
                {"plan": {"timeout": "PT1S", "steps": [{"id": "wait", "type": "delay", "input": {"duration": "PT1H"}}]}}""");

        JsonNode run = awaitStatus(runId, "failed");

        assertThat(run.at("/error/code").asString()).isEqualTo("RUN_TIMEOUT");
        assertThat(step(run, "wait").get("status").asString()).isEqualTo("cancelled");
    }

    @org.springframework.beans.factory.annotation.Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @org.springframework.beans.factory.annotation.Autowired
    StepDispatcher dispatcher;

    @Test
    void withInProcessDispatchTheNextStepsAreClaimedInTheTransactionThatMadeThemReady() {
        double before = meters.counter("weft.steps.continued_locally").count();

        String runId = start("""
                {"plan": {"steps": [{"id": "a", "type": "transform"}, {"id": "b", "type": "transform"},
                                    {"id": "c", "type": "transform"}]}}""");
        awaitStatus(runId, "completed");

        double continued = meters.counter("weft.steps.continued_locally").count() - before;
        if (dispatcher.getClass().getPackageName().endsWith(".kafka")) {
            assertThat(continued).as("Kafka dispatch leaves ready steps to any worker").isZero();
        } else {
            assertThat(continued).as("all three steps start without a dispatch round trip").isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void aStepThatCannotReachTheDatabaseRunsAgainWithoutUsingUpItsAttempts() {
        String key = UUID.randomUUID().toString();
        String runId = start("""
                {"plan": {"steps": [{"id": "store", "type": "test_db_outage", "input": {"key": "%s", "times": 3},
                  "retry": {"maxAttempts": 1}}]}}""".formatted(key));

        JsonNode run = awaitStatus(runId, "completed");

        assertThat(TestSteps.EXECUTIONS.get(key).get()).isEqualTo(4);
        assertThat(step(run, "store").at("/output/execution").asInt()).isEqualTo(4);
        assertThat(step(run, "store").get("attempts").asInt()).as("an outage is not the step's attempt").isEqualTo(1);
        JsonNode events = http.get("/v1/workflows/runs/" + runId + "/events").expect(200).json().get("events");
        assertThat(events).filteredOn(e -> e.get("type").asString().equals("step.deferred")).hasSize(3);
    }

    private double counted(String name, String... tags) {
        var counter = meters.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void fanOutItemsWaitingStepsSignalsAndGroupedResultsShowInTheMetrics() {
        double items = counted("weft.step.transitions", "to", "succeeded", "kind", "item");
        double waiting = counted("weft.step.transitions", "to", "waiting", "kind", "step");
        double consumed = counted("weft.signals.received", "outcome", "consumed");

        String runId = start("""
                {"plan": {"steps": [
                  {"id": "each", "type": "transform", "forEach": "{{ [1, 2, 3] }}", "input": {"v": "{{ item }}"}},
                  {"id": "approve", "type": "wait_for_signal", "dependsOn": ["each"], "input": {"signal": "go"}}]}}""");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() ->
                "waiting".equals(step(http.get("/v1/workflows/runs/" + runId).expect(200).json(), "approve").get("status").asString()));
        http.post("/v1/workflows/runs/" + runId + "/signals/go", "{}").expect(202);
        awaitStatus(runId, "completed");

        assertThat(counted("weft.step.transitions", "to", "succeeded", "kind", "item") - items).isGreaterThanOrEqualTo(3);
        assertThat(counted("weft.step.transitions", "to", "waiting", "kind", "step") - waiting).isGreaterThanOrEqualTo(1);
        assertThat(counted("weft.signals.received", "outcome", "consumed") - consumed).isGreaterThanOrEqualTo(1);
        String metrics = http.as(null).asAdmin("it-admin-token").get("/actuator/prometheus").expect(200).body();
        assertThat(metrics).contains("weft_step_transitions_total{kind=\"item\",to=\"succeeded\"}",
                "weft_step_transitions_total{kind=\"step\",to=\"waiting\"}",
                "weft_signals_received_total{outcome=\"consumed\"}", "weft_coordinator_results_per_commit_count");
    }

    @Test
    void healthIsOpenMetricsNeedTheAdminTokenAndTheOpenApiDescriptionIsServed() {
        String runId = start("{\"plan\": {\"steps\": [{\"id\": \"a\", \"type\": \"transform\"}]}}");
        awaitStatus(runId, "completed");
        Http anonymous = http.as(null);

        assertThat(anonymous.get("/actuator/health").expect(200).json().get("status").asString()).isEqualTo("UP");
        anonymous.get("/actuator/prometheus").expectProblem(401);
        http.get("/actuator/metrics").expectProblem(401);
        http.as(null).asAdmin("not-the-token").get("/actuator/prometheus").expectProblem(403);
        String metrics = http.as(null).asAdmin("it-admin-token").get("/actuator/prometheus").expect(200).body();
        assertThat(metrics).contains("weft_runs_finished_total{status=\"completed\"}", "weft_runs_submitted_total",
                "weft_step_duration_seconds_bucket{outcome=\"succeeded\",type=\"transform\"");
        JsonNode openApi = anonymous.get("/v3/api-docs").expect(200).json();
        assertThat(openApi.get("paths").has("/v1/workflows/run")).isTrue();
        assertThat(openApi.get("paths").has("/v1/workflows/runs/{runId}")).isTrue();
        assertThat(openApi.get("paths").has("/v1/workflows/runs/{runId}/signals/{signal}")).isTrue();
        assertThat(openApi.get("paths").has("/v1/schedules/{id}/trigger")).isTrue();
        assertThat(openApi.at("/components/schemas/StepView/properties/status/enum").toString())
                .contains("waiting", "queued", "skipped");
        assertThat(openApi.at("/components/schemas/StepView/properties").has("items")).isTrue();
        assertThat(openApi.at("/components/schemas/RunView/properties").has("statusReason")).isTrue();
        assertThat(anonymous.get("/swagger-ui/index.html").status()).isEqualTo(200);
    }
}
