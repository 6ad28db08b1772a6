package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The engine's behaviour end to end, through the API. */
abstract class WorkflowLifecycleTest extends ApiTestBase {

    @Test
    void theSeedsCurlFlowRunsImageGenerateV1ToCompletion() {
        JsonNode accepted = http.post("/v1/workflows/run", """
                {"appId": "it-app", "workflowSlug": "image-generate-v1",
                 "input": {"prompt": "A beautiful sunset", "size": "256x256"}}""").expect(202).json();
        assertThat(accepted.get("status").asString()).isEqualTo("pending");
        String statusUrl = accepted.get("statusUrl").asString();
        assertThat(statusUrl).endsWith("/v1/workflows/runs/" + accepted.get("runId").asString());

        JsonNode run = awaitStatus(accepted.get("runId").asString(), "completed");

        assertThat(run.get("steps")).extracting(s -> s.get("id").asString() + ":" + s.get("status").asString())
                .containsExactly("generate:succeeded", "tags:succeeded", "safety:succeeded", "store:succeeded");
        assertThat(run.at("/output/image/url").asString()).as("absolute").startsWith(base() + "/v1/artifacts/");
        assertThat(run.at("/output/tags").isArray()).isTrue();
        assertThat(step(run, "generate").at("/output/placeholder").asBoolean()).isTrue();
        Http.Response png = http.get(run.at("/output/image/url").asString());
        assertThat(png.status()).isEqualTo(200);
        assertThat(png.contentType()).isEqualTo("image/png");
    }

    @Test
    void stepsWhoseDependenciesAreMetRunInParallelAndTheJoinSeesEveryBranch() {
        String runId = start("""
                {"plan": {"steps": [
                  {"id": "root", "type": "transform", "input": {"n": 1}},
                  {"id": "a", "type": "transform", "dependsOn": ["root"], "input": {"v": "{{ steps.root.output.n + 1 }}"}},
                  {"id": "b", "type": "transform", "dependsOn": ["root"], "input": {"v": "{{ steps.root.output.n + 2 }}"}},
                  {"id": "c", "type": "transform", "dependsOn": ["root"], "input": {"v": "{{ steps.root.output.n + 3 }}"}},
                  {"id": "join", "type": "transform", "dependsOn": ["a", "b", "c"],
                   "input": {"sum": "{{ steps.a.output.v + steps.b.output.v + steps.c.output.v }}"}}],
                  "output": {"sum": "{{ steps.join.output.sum }}"}}}""");

        JsonNode run = awaitStatus(runId, "completed");

        assertThat(run.at("/output/sum").asInt()).isEqualTo(9);
        JsonNode events = http.get("/v1/workflows/runs/" + runId + "/events").expect(200).json().get("events");
        int joinQueued = indexOf(events, "step.queued", "join");
        assertThat(indexOf(events, "step.queued", "a")).isLessThan(indexOf(events, "step.succeeded", "b"));
        assertThat(indexOf(events, "step.queued", "c")).isLessThan(indexOf(events, "step.succeeded", "a"));
        assertThat(joinQueued).isGreaterThan(indexOf(events, "step.succeeded", "c"));
    }

    @Test
    void aStepIsRetriedWithBackoffThenTheRunCompletes() {
        String key = UUID.randomUUID().toString();
        String runId = start("""
                {"plan": {"steps": [{"id": "flaky", "type": "test_flaky", "input": {"key": "%s", "failTimes": 2},
                  "retry": {"maxAttempts": 3, "initialDelay": "PT0.05S", "multiplier": 2.0}}]}}""".formatted(key));

        JsonNode run = awaitStatus(runId, "completed");

        assertThat(step(run, "flaky").get("attempts").asInt()).isEqualTo(3);
        assertThat(step(run, "flaky").at("/output/executions").asInt()).isEqualTo(3);
        JsonNode events = http.get("/v1/workflows/runs/" + runId + "/events").json().get("events");
        assertThat(events.findValuesAsString("type")).filteredOn("step.retry_scheduled"::equals).hasSize(2);
    }

    @Test
    void whenRetriesAreExhaustedTheRunFailsWithTheStepsError() {
        String runId = start("""
                {"plan": {"steps": [{"id": "flaky", "type": "test_flaky", "input": {"key": "%s", "failTimes": 9},
                  "retry": {"maxAttempts": 2, "initialDelay": "PT0.05S"}},
                  {"id": "after", "type": "transform"}]}}""".formatted(UUID.randomUUID()));

        JsonNode run = awaitStatus(runId, "failed");

        assertThat(run.at("/error/code").asString()).isEqualTo("TEST_FLAKY");
        assertThat(run.at("/error/message").asString()).contains("step 'flaky' failed");
        assertThat(step(run, "flaky").get("status").asString()).isEqualTo("failed");
        assertThat(step(run, "flaky").get("attempts").asInt()).isEqualTo(2);
        assertThat(step(run, "flaky").at("/error/code").asString()).isEqualTo("TEST_FLAKY");
        assertThat(step(run, "after").get("status").asString()).isEqualTo("cancelled");
    }

    @Test
    void onErrorContinueLetsTheRunCompleteWithoutTheFailedStepsOutput() {
        String runId = start("""
                {"plan": {"steps": [
                  {"id": "optional", "type": "test_flaky", "onError": "continue",
                   "input": {"key": "%s", "failTimes": 1, "permanent": true}},
                  {"id": "next", "type": "transform", "input": {"got": "{{ steps.optional.output }}", "ok": true}}]}}"""
                .formatted(UUID.randomUUID()));

        JsonNode run = awaitStatus(runId, "completed");

        assertThat(step(run, "optional").get("status").asString()).isEqualTo("failed");
        assertThat(step(run, "next").at("/output/ok").asBoolean()).isTrue();
        assertThat(step(run, "next").at("/output/got").isNull()).isTrue();
    }

    @Test
    void aFalseWhenSkipsTheStepAndTheStepsThatNeedIt() {
        String runId = start("""
                {"input": {"publish": false}, "plan": {"steps": [
                  {"id": "prepare", "type": "transform", "input": {"x": 1}},
                  {"id": "publish", "type": "transform", "when": "input.publish"},
                  {"id": "announce", "type": "transform", "dependsOn": ["publish"]},
                  {"id": "audit", "type": "transform", "dependsOn": ["prepare"]}]}}""");

        JsonNode run = awaitStatus(runId, "completed");

        assertThat(step(run, "publish").get("status").asString()).isEqualTo("skipped");
        assertThat(step(run, "publish").get("reason").asString()).contains("condition was false");
        assertThat(step(run, "announce").get("status").asString()).isEqualTo("skipped");
        assertThat(step(run, "audit").get("status").asString()).isEqualTo("succeeded");
    }

    @Test
    void aCancelledRunStopsAndCannotBeCancelledTwice() {
        String runId = start("""
                {"plan": {"steps": [{"id": "wait", "type": "delay", "input": {"duration": "PT1H"}},
                                    {"id": "never", "type": "transform"}]}}""");
        awaitStatus(runId, "running");

        JsonNode cancelled = http.post("/v1/workflows/runs/" + runId + "/cancel", "").expect(200).json();

        assertThat(cancelled.get("status").asString()).isEqualTo("cancelled");
        assertThat(step(cancelled, "wait").get("status").asString()).isEqualTo("cancelled");
        assertThat(step(cancelled, "never").get("status").asString()).isEqualTo("cancelled");
        http.post("/v1/workflows/runs/" + runId + "/cancel", "").expectProblem(409);
    }

    @Test
    void aFailedRunResumesFromItsFailedStepWithoutRerunningCompletedOnes() {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        String runId = start("""
                {"plan": {"steps": [
                  {"id": "done", "type": "test_flaky", "input": {"key": "%s"}},
                  {"id": "broken", "type": "test_flaky", "retry": {"maxAttempts": 1},
                   "input": {"key": "%s", "failTimes": 1, "permanent": true}}]}}""".formatted(first, second));
        awaitStatus(runId, "failed");

        http.post("/v1/workflows/runs/" + runId + "/resume", "").expect(202);
        JsonNode run = awaitStatus(runId, "completed");

        assertThat(TestSteps.EXECUTIONS.get(first).get()).isEqualTo(1);
        assertThat(TestSteps.EXECUTIONS.get(second).get()).isEqualTo(2);
        assertThat(step(run, "broken").get("status").asString()).isEqualTo("succeeded");
        http.post("/v1/workflows/runs/" + runId + "/resume", "").expectProblem(409);
    }

    @Test
    void theSameIdempotencyKeyReturnsTheSameRunAndADifferentBodyConflicts() {
        String key = "order-" + UUID.randomUUID();
        String body = """
                {"idempotencyKey": "%s", "plan": {"steps": [{"id": "a", "type": "transform"}]}, "input": {"n": 1}}""";
        String first = http.post("/v1/workflows/run", body.formatted(key)).expect(202).json().get("runId").asString();

        JsonNode replay = http.post("/v1/workflows/run", body.formatted(key)).expect(202).json();
        JsonNode conflict = http.post("/v1/workflows/run", body.formatted(key).replace("\"n\": 1", "\"n\": 2"))
                .expectProblem(409);

        assertThat(replay.get("runId").asString()).isEqualTo(first);
        assertThat(replay.get("idempotentReplay").asBoolean()).isTrue();
        assertThat(conflict.get("detail").asString()).contains(key);
    }

    @Test
    void runsAreListedNewestFirstWithFiltersAndCursorPaging() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String slugBody = """
                {"slug": "list-%s", "steps": [{"id": "a", "type": "transform"}]}""".formatted(tag);
        http.post("/v1/workflows", slugBody).expect(201);
        String r1 = start("{\"workflowSlug\": \"list-" + tag + "\"}");
        String r2 = start("{\"workflowSlug\": \"list-" + tag + "\"}");
        String r3 = start("{\"workflowSlug\": \"list-" + tag + "\"}");

        JsonNode page1 = http.get("/v1/workflows/runs?workflowSlug=list-" + tag + "&limit=2").expect(200).json();
        JsonNode page2 = http.get("/v1/workflows/runs?workflowSlug=list-" + tag + "&limit=2&cursor="
                + page1.get("nextCursor").asString()).expect(200).json();

        assertThat(page1.get("runs").findValuesAsString("runId")).containsExactly(r3, r2);
        assertThat(page2.get("runs").findValuesAsString("runId")).containsExactly(r1);
        assertThat(page2.path("nextCursor").isMissingNode() || page2.path("nextCursor").isNull()).isTrue();
        http.get("/v1/workflows/runs?status=bogus").expectProblem(422);
    }

    @Test
    void aSavedDefinitionGetsNewVersionsAndARunIsPinnedToItsVersion() {
        String slug = "pinned-" + UUID.randomUUID().toString().substring(0, 8);
        http.post("/v1/workflows", """
                {"slug": "%s", "steps": [{"id": "a", "type": "transform", "input": {"v": 1}}]}""".formatted(slug)).expect(201);
        String v1Run = start("{\"workflowSlug\": \"" + slug + "\"}");
        JsonNode v2 = http.post("/v1/workflows", """
                {"slug": "%s", "steps": [{"id": "a", "type": "transform", "input": {"v": 2}}]}""".formatted(slug))
                .expect(201).json();
        String explicitV1 = start("{\"workflowSlug\": \"" + slug + "\", \"version\": 1}");

        assertThat(v2.get("version").asInt()).isEqualTo(2);
        assertThat(awaitStatus(v1Run, "completed").at("/output/a/v").asInt()).isEqualTo(1);
        assertThat(awaitStatus(explicitV1, "completed").get("workflowVersion").asInt()).isEqualTo(1);
        assertThat(http.get("/v1/workflows/" + slug).json().get("version").asInt()).isEqualTo(2);
        assertThat(http.get("/v1/workflows/" + slug + "/versions").json().get("versions")).hasSize(2);
        assertThat(http.get("/v1/workflows").json().get("workflows").findValuesAsString("slug"))
                .contains("image-generate-v1", slug);
    }

    private static int indexOf(JsonNode events, String type, String stepId) {
        for (int i = 0; i < events.size(); i++) {
            JsonNode e = events.get(i);
            if (e.get("type").asString().equals(type) && stepId.equals(e.path("stepId").asString(null))) {
                return i;
            }
        }
        throw new AssertionError("no " + type + " for " + stepId + " in " + events);
    }
}
