package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Keys, app isolation, and outbound requests that must not reach internal addresses. */
abstract class IsolationAndSecurityTest extends ApiTestBase {

    @Test
    void requestsWithoutAValidKeyAreUnauthorized() {
        assertThat(http.as(null).get("/v1/workflows/runs").expectProblem(401).get("detail").asString())
                .contains("X-API-Key");
        http.as("wk_not_a_real_key").get("/v1/workflows/runs").expectProblem(401);
    }

    @Test
    void anotherAppCanNeitherReadNorCancelNorListThisAppsRunsOrDefinitions() {
        String runId = start("{\"plan\": {\"steps\": [{\"id\": \"a\", \"type\": \"delay\", \"input\": {\"duration\": \"PT1H\"}}]}}");
        http.post("/v1/workflows", "{\"slug\": \"private-flow\", \"steps\": [{\"id\": \"a\", \"type\": \"transform\"}]}");
        Http other = http.as(otherAppKey("isolation-other"));

        other.get("/v1/workflows/runs/" + runId).expectProblem(404);
        other.post("/v1/workflows/runs/" + runId + "/cancel", "").expectProblem(404);
        other.get("/v1/workflows/runs/" + runId + "/events").expectProblem(404);
        other.get("/v1/workflows/private-flow").expectProblem(404);
        other.post("/v1/workflows/run", "{\"workflowSlug\": \"private-flow\"}").expectProblem(404);
        assertThat(other.get("/v1/workflows/runs").expect(200).json().get("runs").findValuesAsString("runId"))
                .doesNotContain(runId);
        JsonNode foreign = other.post("/v1/workflows/run",
                "{\"appId\": \"it-app\", \"plan\": {\"steps\": [{\"id\": \"a\", \"type\": \"transform\"}]}}").expectProblem(403);
        assertThat(foreign.at("/errors/0/field").asString()).isEqualTo("appId");
        http.post("/v1/workflows/runs/" + runId + "/cancel", "").expect(200);
    }

    @Test
    void aWebhookUrlThatIsAnInternalAddressIsRefusedAtSubmission() {
        JsonNode problem = http.post("/v1/workflows/run", """
                {"plan": {"steps": [{"id": "a", "type": "transform"}]}, "webhookUrl": "http://169.254.169.254/latest/meta-data"}""")
                .expectProblem(422);
        assertThat(problem.at("/errors/0/field").asString()).isEqualTo("webhookUrl");
    }

    @Test
    void emitWebhookToAPrivateAddressFailsTheStepWithoutRetrying() {
        String runId = start("""
                {"plan": {"steps": [{"id": "notify", "type": "emit_webhook", "retry": {"maxAttempts": 3, "initialDelay": "PT0.05S"},
                  "input": {"url": "http://10.0.0.1/hook", "payload": {"x": 1}}}]}}""");

        JsonNode run = awaitStatus(runId, "failed");

        assertThat(step(run, "notify").get("attempts").asInt()).isEqualTo(1);
        assertThat(step(run, "notify").at("/error/message").asString()).contains("10.0.0.1");
    }
}
