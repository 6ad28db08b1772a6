package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The step result cache: a step with {@code cache} reuses what an earlier run of the same app
 * produced for the same type and resolved input (or key), without calling its handler; never across
 * apps; purged on demand; refused when misconfigured.
 */
abstract class StepCacheTest extends ApiTestBase {

    private static String plan(String key, String cache) {
        return """
                {"plan": {"steps": [{"id": "work", "type": "test_flaky", "input": {"key": "%s", "note": "{{ input.note }}"},
                  "cache": %s}]}, "input": {"note": "%%s"}}""".formatted(key, cache);
    }

    private JsonNode run(Http client, String body) {
        String runId = client.post("/v1/workflows/run", body).expect(202).json().get("runId").asString();
        return awaitStatus(client, runId);
    }

    private JsonNode awaitStatus(Http client, String runId) {
        JsonNode[] last = new JsonNode[1];
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> {
            last[0] = client.get("/v1/workflows/runs/" + runId).expect(200).json();
            return last[0].get("status").asString().equals("completed");
        });
        return last[0];
    }

    @Test
    void aSecondRunReusesTheStoredResultWithoutRunningTheStep() {
        String key = "cache-" + System.nanoTime();
        String body = plan(key, "{\"ttl\": \"P7D\"}");
        JsonNode first = run(http, body.formatted("same"));
        JsonNode firstStep = step(first, "work");
        assertThat(firstStep.get("output").get("executions").asInt()).isEqualTo(1);
        assertThat(firstStep.has("cached")).isFalse();

        JsonNode second = run(http, body.formatted("same"));
        JsonNode reused = step(second, "work");
        assertThat(reused.get("cached").asBoolean()).isTrue();
        assertThat(reused.get("cachedFrom").get("runId").asString()).isEqualTo(first.get("runId").asString());
        assertThat(reused.get("cachedFrom").get("stepId").asString()).isEqualTo("work");
        assertThat(reused.get("output")).as("the stored output, the step not run again").isEqualTo(firstStep.get("output"));
        assertThat(TestSteps.EXECUTIONS.get(key).get()).isEqualTo(1);

        JsonNode other = run(http, body.formatted("another input"));
        assertThat(step(other, "work").has("cached")).isFalse();
        assertThat(TestSteps.EXECUTIONS.get(key).get()).as("another input is another key").isEqualTo(2);
    }

    @Test
    void anExplicitKeyNarrowsWhatCountsAsTheSameAndAppsNeverShare() {
        String key = "cache-key-" + System.nanoTime();
        String body = """
                {"plan": {"steps": [{"id": "work", "type": "test_flaky", "input": {"key": "%s", "note": "{{ input.note }}"},
                  "cache": {"ttl": "PT1H", "key": "{{ input.topic }}"}}]}, "input": {"topic": "rivers", "note": "%%s"}}"""
                .formatted(key);
        run(http, body.formatted("first"));
        JsonNode second = run(http, body.formatted("a different note, the same topic"));
        assertThat(step(second, "work").get("cached").asBoolean()).isTrue();
        assertThat(TestSteps.EXECUTIONS.get(key).get()).isEqualTo(1);

        Http otherApp = http.as(otherAppKey("cache-other-" + System.nanoTime() % 100000));
        JsonNode theirs = run(otherApp, body.formatted("first"));
        assertThat(step(theirs, "work").has("cached")).as("never shared across apps").isFalse();
        assertThat(TestSteps.EXECUTIONS.get(key).get()).isEqualTo(2);

        JsonNode purged = http.delete("/v1/cache").expect(200).json();
        assertThat(purged.get("deleted").asInt()).isGreaterThanOrEqualTo(1);
        JsonNode afterPurge = run(http, body.formatted("first"));
        assertThat(step(afterPurge, "work").has("cached")).isFalse();
        assertThat(TestSteps.EXECUTIONS.get(key).get()).isEqualTo(3);
        assertThat(step(run(otherApp, body.formatted("first")), "work").get("cached").asBoolean())
                .as("another app's purge leaves this app's entries").isTrue();
    }

    @Test
    void anAiStepsKeyHasTheModelItWouldCallSoAChangedDefaultDoesNotReuseAnotherModelsAnswer() {
        Http app = http.as(otherAppKey("cache-model-" + System.nanoTime() % 100000));
        String body = """
                {"plan": {"steps": [{"id": "write", "type": "text_generate", "input": {"prompt": "a poem about herons"},
                  "cache": {"ttl": "P1D"}}]}, "input": {}}""";
        app.put("/v1/providers/defaults", "{\"text\": {\"provider\": \"local-placeholder\", \"model\": \"m-one\"}}")
                .expect(200);
        run(app, body);
        assertThat(step(run(app, body), "write").get("cached").asBoolean()).isTrue();
        app.put("/v1/providers/defaults", "{\"text\": {\"provider\": \"local-placeholder\", \"model\": \"m-two\"}}")
                .expect(200);
        assertThat(step(run(app, body), "write").has("cached")).as("another model: another key").isFalse();
        assertThat(step(run(app, body), "write").get("cached").asBoolean()).isTrue();
    }

    @Test
    void aMisconfiguredCacheIsRefusedWithTheFieldNamed() {
        var refused = http.post("/v1/workflows?validateOnly=true", """
                {"slug": "bad-cache", "steps": [
                  {"id": "a", "type": "transform", "input": {"v": 1}},
                  {"id": "b", "type": "transform", "input": {"v": 2}, "cache": {"ttl": "forever"}},
                  {"id": "c", "type": "wait_for_signal", "input": {"signal": "go"}, "cache": {"ttl": "P1D"}},
                  {"id": "d", "type": "transform", "dependsOn": ["c"], "input": {"v": 3},
                   "cache": {"ttl": "P1D", "key": "{{ steps.a.output.v }}", "scope": "global"}}]}""").expect(422).json();
        assertThat(refused.get("errors").toString())
                .contains("/steps/1/cache/ttl").contains("INVALID_CACHE")
                .contains("wait_for_signal step's result cannot be reused")
                .contains("not in this step's dependsOn")
                .contains("scope");
    }
}
