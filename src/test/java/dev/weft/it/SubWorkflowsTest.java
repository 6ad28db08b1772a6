package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The {@code workflow} step on each backend: a child run of the same app, linked both ways, whose
 * output or error becomes the step's; cancelling the parent cancels the child; calls nest at most
 * {@code weft.limits.max-workflow-depth} deep, and literal calls are checked when a workflow is saved.
 */
abstract class SubWorkflowsTest extends ApiTestBase {

    private String save(String json) {
        return http.post("/v1/workflows", json).expect(201).json().get("slug").asString();
    }

    private String child(String suffix) {
        return save("""
                {"slug": "caption-%s", "inputSchema": {"type": "object", "required": ["image"]},
                 "steps": [{"id": "describe", "type": "transform", "input": {"caption": "{{ 'a photo of ' + input.image }}"}}],
                 "output": {"caption": "{{ steps.describe.output.caption }}"}}""".formatted(suffix));
    }

    @Test
    void theStepCompletesWithTheChildsOutputAndBothRunsLinkToEachOther() {
        String child = child("ok-" + System.nanoTime());
        String runId = start("""
                {"input": {"image": "cat.png"},
                 "plan": {"steps": [
                   {"id": "call", "type": "workflow", "input": {"workflowSlug": "%s", "input": {"image": "{{ input.image }}"}}},
                   {"id": "after", "type": "transform", "input": {"text": "{{ steps.call.output.caption }}"}}]}}""".formatted(child));

        JsonNode parent = awaitStatus(runId, "completed");

        JsonNode call = step(parent, "call");
        assertThat(call.at("/output/caption").asString()).isEqualTo("a photo of cat.png");
        assertThat(step(parent, "after").at("/output/text").asString()).isEqualTo("a photo of cat.png");
        String childRunId = call.get("childRunId").asString();
        assertThat(call.get("childRunUrl").asString()).endsWith("/v1/workflows/runs/" + childRunId);
        JsonNode childRun = http.get("/v1/workflows/runs/" + childRunId).expect(200).json();
        assertThat(childRun.get("status").asString()).isEqualTo("completed");
        assertThat(childRun.get("workflowSlug").asString()).isEqualTo(child);
        assertThat(childRun.get("parentRunId").asString()).isEqualTo(runId);
        assertThat(childRun.get("parentStepId").asString()).isEqualTo("call");
        JsonNode children = http.get("/v1/workflows/runs?parentRunId=" + runId).expect(200).json().get("runs");
        assertThat(children).extracting(r -> r.get("runId").asString()).containsExactly(childRunId);
        JsonNode events = http.get("/v1/workflows/runs/" + runId + "/events").expect(200).json().get("events");
        assertThat(events).anySatisfy(e -> {
            assertThat(e.get("type").asString()).isEqualTo("step.waiting");
            assertThat(e.at("/data/childRunId").asString()).isEqualTo(childRunId);
        });
    }

    @Test
    void aChildThatFailsFailsTheStepWithItsErrorAndAnInputTheChildRefusesFailsItAtOnce() {
        String failing = save("""
                {"slug": "failing-%d", "steps": [{"id": "boom", "type": "test_flaky",
                  "input": {"key": "{{ 'sub-fail-' + run.id }}", "failTimes": 1, "permanent": true}}]}""".formatted(System.nanoTime()));
        String child = child("strict-" + System.nanoTime());
        String failedRun = start("""
                {"plan": {"steps": [{"id": "call", "type": "workflow", "input": {"workflowSlug": "%s"}}]}}""".formatted(failing));
        String refusedRun = start("""
                {"plan": {"steps": [{"id": "call", "type": "workflow", "input": {"workflowSlug": "%s", "input": {}}}]}}"""
                .formatted(child));

        JsonNode failed = awaitStatus(failedRun, "failed");
        JsonNode refused = awaitStatus(refusedRun, "failed");

        assertThat(step(failed, "call").at("/error/code").asString()).isEqualTo("TEST_PERMANENT");
        assertThat(step(failed, "call").at("/error/message").asString()).contains("failed on purpose");
        assertThat(step(refused, "call").at("/error/code").asString()).isEqualTo("INVALID_CHILD_INPUT");
        assertThat(step(refused, "call").at("/error/message").asString()).contains("image");
        assertThat(step(refused, "call").has("childRunId")).isFalse();
    }

    @Test
    void cancellingTheParentCancelsTheChild() {
        String tag = "sub-cancel-" + System.nanoTime();
        String holding = save("""
                {"slug": "holding-%d", "steps": [{"id": "hold", "type": "test_hold", "input": {"key": "%s"}}]}"""
                .formatted(System.nanoTime(), tag));
        String runId = start("""
                {"plan": {"steps": [{"id": "call", "type": "workflow", "input": {"workflowSlug": "%s"}}]}}""".formatted(holding));
        await().atMost(Duration.ofSeconds(30)).until(() -> TestSteps.EXECUTIONS.containsKey(tag));
        JsonNode waiting = http.get("/v1/workflows/runs/" + runId).expect(200).json();
        String childRunId = step(waiting, "call").get("childRunId").asString();

        http.post("/v1/workflows/runs/" + runId + "/cancel", "").expect(200);

        assertThat(step(waiting, "call").get("status").asString()).isEqualTo("waiting");
        assertThat(step(waiting, "call").get("reason").asString()).isEqualTo("waiting for run " + childRunId);
        JsonNode child = awaitStatus(childRunId, "cancelled");
        assertThat(step(child, "hold").get("status").asString()).isEqualTo("cancelled");
    }

    @Test
    void callsNestedDeeperThanTheLimitFailWithWorkflowDepthExceeded() {
        // the slug is an expression, so the save-time check cannot see that the workflow calls itself
        String slug = "recurse-" + System.nanoTime();
        save("""
                {"slug": "%s", "steps": [{"id": "again", "type": "workflow", "input": {"workflowSlug": "{{ '%s' }}"}}]}"""
                .formatted(slug, slug));

        String runId = http.post("/v1/workflows/run", "{\"workflowSlug\": \"" + slug + "\"}").expect(202).json()
                .get("runId").asString();
        JsonNode top = awaitStatus(runId, "failed");

        assertThat(top.at("/error/code").asString()).isEqualTo("WORKFLOW_DEPTH_EXCEEDED");
        assertThat(top.at("/error/message").asString()).contains("6 deep", "the limit is 5");
        JsonNode level = top;
        int depth = 0;
        while (step(level, "again").has("childRunId")) {
            level = http.get("/v1/workflows/runs/" + step(level, "again").get("childRunId").asString()).expect(200).json();
            depth++;
        }
        assertThat(depth).as("child runs under the top one").isEqualTo(5);
    }

    @Test
    void eachItemOfAForEachCanRunAChild() {
        String child = child("each-" + System.nanoTime());
        String runId = start("""
                {"plan": {"steps": [{"id": "captions", "type": "workflow", "forEach": "{{ ['a.png', 'b.png'] }}",
                  "input": {"workflowSlug": "%s", "input": {"image": "{{ item }}"}}}]}}""".formatted(child));

        JsonNode run = awaitStatus(runId, "completed");

        assertThat(step(run, "captions").get("output")).extracting(o -> o.get("caption").asString())
                .containsExactly("a photo of a.png", "a photo of b.png");
        assertThat(step(run, "captions").get("items")).allSatisfy(i -> assertThat(i.get("childRunId").isString()).isTrue());
    }

    @Test
    void literalCallsAreCheckedWhenTheWorkflowIsSaved() {
        String n = String.valueOf(System.nanoTime());
        JsonNode self = http.post("/v1/workflows", """
                {"slug": "self-%s", "steps": [{"id": "me", "type": "workflow", "input": {"workflowSlug": "self-%s"}}]}"""
                .formatted(n, n)).expectProblem(422);
        JsonNode unknown = http.post("/v1/workflows", """
                {"slug": "caller-%s", "steps": [{"id": "call", "type": "workflow", "input": {"workflowSlug": "nowhere-%s"}}]}"""
                .formatted(n, n)).expectProblem(422);
        save("{\"slug\": \"cyc-a-" + n + "\", \"steps\": [{\"id\": \"x\", \"type\": \"transform\"}]}");
        save("""
                {"slug": "cyc-b-%s", "steps": [{"id": "toA", "type": "workflow", "input": {"workflowSlug": "cyc-a-%s"}}]}"""
                .formatted(n, n));
        JsonNode cycle = http.post("/v1/workflows", """
                {"slug": "cyc-a-%s", "steps": [{"id": "toB", "type": "workflow", "input": {"workflowSlug": "cyc-b-%s"}}]}"""
                .formatted(n, n)).expectProblem(422);
        JsonNode noSlug = http.post("/v1/workflows", """
                {"slug": "bad-call-%s", "steps": [{"id": "call", "type": "workflow", "input": {"version": 1}}]}"""
                .formatted(n)).expectProblem(422);

        assertThat(self.at("/errors/0/code").asString()).isEqualTo("SELF_CALL");
        assertThat(self.at("/errors/0/field").asString()).isEqualTo("input.workflowSlug");
        assertThat(self.at("/errors/0/pointer").asString()).isEqualTo("/steps/0/input/workflowSlug");
        assertThat(unknown.at("/errors/0/code").asString()).isEqualTo("UNKNOWN_WORKFLOW");
        assertThat(cycle.at("/errors/0/code").asString()).isEqualTo("CALL_CYCLE");
        assertThat(cycle.at("/errors/0/message").asString()).contains("cyc-a-" + n + " -> cyc-b-" + n + " -> cyc-a-" + n);
        assertThat(noSlug.at("/errors/0/code").asString()).isEqualTo("INVALID_WORKFLOW_CALL");
    }

    @Test
    void workflowVersionPinsTheChildsVersionWithVersionAsItsDeprecatedAlias() {
        String slug = "versioned-" + System.nanoTime();
        save("{\"slug\": \"" + slug + "\", \"steps\": [{\"id\": \"v\", \"type\": \"transform\", \"input\": {\"v\": 1}}]}");
        save("{\"slug\": \"" + slug + "\", \"steps\": [{\"id\": \"v\", \"type\": \"transform\", \"input\": {\"v\": 2}}]}");

        JsonNode first = awaitStatus(start("""
                {"plan": {"steps": [{"id": "call", "type": "workflow", "input": {"workflowSlug": "%s", "workflowVersion": 1}}]}}"""
                .formatted(slug)), "completed");
        JsonNode byAlias = awaitStatus(start("""
                {"plan": {"steps": [{"id": "call", "type": "workflow", "input": {"workflowSlug": "%s", "version": 1}}]}}"""
                .formatted(slug)), "completed");
        JsonNode disagreeing = http.post("/v1/workflows", """
                {"slug": "disagree-%s", "steps": [{"id": "call", "type": "workflow",
                  "input": {"workflowSlug": "%s", "workflowVersion": 1, "version": 2}}]}""".formatted(slug, slug)).expectProblem(422);

        assertThat(step(first, "call").at("/output/v/v").asInt()).as("the child's output: {stepId: output}").isEqualTo(1);
        assertThat(step(byAlias, "call").at("/output/v/v").asInt()).isEqualTo(1);
        assertThat(disagreeing.at("/errors/0/message").asString()).contains("workflowVersion", "disagree");
    }
}
