package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code forEach} on each backend: every item is a step of its own in the run view and its events,
 * runs at most {@code maxConcurrency} at a time, and the step's output is the items' outputs in
 * list order; {@code onItemError} decides what a failed item does, resume re-runs only the items
 * that did not succeed, and mistakes are refused when the workflow is saved.
 */
abstract class FanOutTest extends ApiTestBase {

    @Test
    void eachItemIsAStepOfItsOwnAndTheOutputIsTheirsInListOrder() {
        String runId = start("""
                {"input": {"names": ["ada", "grace", "edsger"]},
                 "plan": {"steps": [
                   {"id": "greet", "type": "transform", "forEach": "{{ input.names }}",
                    "input": {"text": "{{ 'hello ' + item }}", "position": "{{ index }}"}},
                   {"id": "count", "type": "transform", "input": {"n": "{{ size(steps.greet.output) }}"}}]}}""");

        JsonNode run = awaitStatus(runId, "completed");

        JsonNode greet = step(run, "greet");
        assertThat(greet.get("output").toString()).isEqualTo("[{\"text\":\"hello ada\",\"position\":0},"
                + "{\"text\":\"hello grace\",\"position\":1},{\"text\":\"hello edsger\",\"position\":2}]");
        assertThat(step(run, "count").at("/output/n").asInt()).isEqualTo(3);
        assertThat(greet.get("itemCounts").toString()).isEqualTo("{\"succeeded\":3}");
        assertThat(greet.get("items")).hasSize(3);
        JsonNode second = greet.get("items").get(1);
        assertThat(second.get("id").asString()).isEqualTo("greet[1]");
        assertThat(second.get("index").asInt()).isEqualTo(1);
        assertThat(second.get("item").asString()).isEqualTo("grace");
        assertThat(second.get("attempts").asInt()).isEqualTo(1);
        assertThat(second.at("/input/text").asString()).isEqualTo("hello grace");
        assertThat(second.get("startedAt").isString()).isTrue();
        assertThat(run.get("steps")).extracting(s -> s.get("id").asString()).containsExactly("greet", "count");
        JsonNode events = http.get("/v1/workflows/runs/" + runId + "/events").expect(200).json().get("events");
        assertThat(events).anySatisfy(e -> {
            assertThat(e.get("type").asString()).isEqualTo("step.items_expanded");
            assertThat(e.at("/data/items").asInt()).isEqualTo(3);
        });
        assertThat(events).anySatisfy(e -> {
            assertThat(e.get("type").asString()).isEqualTo("step.succeeded");
            assertThat(e.get("stepId").asString()).isEqualTo("greet[2]");
        });
    }

    @Test
    void noMoreThanMaxConcurrencyItemsRunAtOnce() {
        String tag = "fan-hold-" + System.nanoTime();
        String runId = start("""
                {"plan": {"steps": [
                   {"id": "work", "type": "test_hold", "forEach": "{{ [0, 1, 2, 3, 4] }}", "maxConcurrency": 2,
                    "input": {"key": "{{ '%s-' + string(item) }}"}}]}}""".formatted(tag));
        await().atMost(Duration.ofSeconds(30)).until(() -> TestSteps.EXECUTIONS.containsKey(tag + "-0")
                && TestSteps.EXECUTIONS.containsKey(tag + "-1"));

        JsonNode holding = http.get("/v1/workflows/runs/" + runId).expect(200).json();
        for (int i = 0; i < 5; i++) {
            TestSteps.HOLDS.computeIfAbsent(tag + "-" + i, k -> new java.util.concurrent.CountDownLatch(1)).countDown();
        }
        JsonNode done = awaitStatus(runId, "completed");

        assertThat(step(holding, "work").get("status").asString()).isEqualTo("running");
        assertThat(step(holding, "work").get("items")).extracting(i -> i.get("status").asString())
                .containsExactly("running", "running", "pending", "pending", "pending");
        assertThat(maxOverlap(step(done, "work").get("items"))).as("items running at once, from their timings")
                .isEqualTo(2);
    }

    @Test
    void withOnItemErrorContinueAFailedItemIsANullEntryAndItsErrorIsListed() {
        String tag = "fan-continue-" + System.nanoTime();
        String runId = start("""
                {"plan": {"steps": [
                   {"id": "work", "type": "test_flaky", "forEach": "{{ ['a', 'b', 'c'] }}", "onItemError": "continue",
                    "input": {"key": "{{ '%s-' + item }}", "failTimes": "{{ index == 1 ? 1 : 0 }}", "permanent": true}}]}}"""
                .formatted(tag));

        JsonNode run = awaitStatus(runId, "completed");

        JsonNode work = step(run, "work");
        assertThat(work.get("output")).hasSize(3);
        assertThat(work.get("output").get(1).isNull()).isTrue();
        assertThat(work.at("/output/0/executions").asInt()).isEqualTo(1);
        assertThat(work.get("itemErrors")).singleElement().satisfies(e -> {
            assertThat(e.get("index").asInt()).isEqualTo(1);
            assertThat(e.get("code").asString()).isEqualTo("TEST_PERMANENT");
        });
        assertThat(work.get("itemCounts").toString()).isEqualTo("{\"failed\":1,\"succeeded\":2}");
    }

    @Test
    void aFailedItemFailsTheStepAndResumeRunsOnlyTheItemsThatDidNotSucceed() {
        String tag = "fan-resume-" + System.nanoTime();
        String runId = start("""
                {"plan": {"steps": [
                   {"id": "work", "type": "test_flaky", "forEach": "{{ ['a', 'b', 'c'] }}", "maxConcurrency": 1,
                    "input": {"key": "{{ '%s-' + item }}", "failTimes": "{{ index == 1 ? 1 : 0 }}", "permanent": true}}]}}"""
                .formatted(tag));
        JsonNode failed = awaitStatus(runId, "failed");

        http.post("/v1/workflows/runs/" + runId + "/resume", "").expect(202);
        JsonNode done = awaitStatus(runId, "completed");

        assertThat(failed.at("/error/code").asString()).isEqualTo("TEST_PERMANENT");
        assertThat(failed.at("/error/message").asString()).contains("step 'work' failed", "item 1 of 3 failed");
        assertThat(step(failed, "work").get("items")).extracting(i -> i.get("status").asString())
                .containsExactly("succeeded", "failed", "cancelled");
        assertThat(TestSteps.EXECUTIONS.get(tag + "-a").get()).as("a succeeded: not run again").isEqualTo(1);
        assertThat(TestSteps.EXECUTIONS.get(tag + "-b").get()).isEqualTo(2);
        assertThat(TestSteps.EXECUTIONS.get(tag + "-c").get()).isEqualTo(1);
        assertThat(step(done, "work").get("output")).extracting(o -> o.get("executions").asInt()).containsExactly(1, 2, 1);
    }

    @Test
    void aForEachThatIsNotAListFailsTheStepWithForEachNotAList() {
        String runId = start("""
                {"input": {"images": "one.png"},
                 "plan": {"steps": [{"id": "caption", "type": "transform", "forEach": "{{ input.images }}",
                                     "input": {"image": "{{ item }}"}}]}}""");

        JsonNode run = awaitStatus(runId, "failed");

        assertThat(step(run, "caption").at("/error/code").asString()).isEqualTo("FOREACH_NOT_A_LIST");
        assertThat(step(run, "caption").at("/error/message").asString()).contains("gave a string, not a list");
    }

    @Test
    void cancellingTheRunCancelsItsItems() {
        String tag = "fan-cancel-" + System.nanoTime();
        String runId = start("""
                {"plan": {"steps": [
                   {"id": "work", "type": "test_hold", "forEach": "{{ [0, 1, 2] }}", "maxConcurrency": 1,
                    "input": {"key": "{{ '%s-' + string(item) }}"}}]}}""".formatted(tag));
        await().atMost(Duration.ofSeconds(30)).until(() -> TestSteps.EXECUTIONS.containsKey(tag + "-0"));

        http.post("/v1/workflows/runs/" + runId + "/cancel", "").expect(200);
        JsonNode run = awaitStatus(runId, "cancelled");

        assertThat(step(run, "work").get("itemCounts").toString()).isEqualTo("{\"cancelled\":3}");
        assertThat(TestSteps.EXECUTIONS).doesNotContainKeys(tag + "-1", tag + "-2");
    }

    @Test
    void mistakesInTheFanOutFieldsAreRefusedWhenTheWorkflowIsSaved() {
        JsonNode problem = http.post("/v1/workflows", """
                {"slug": "bad-fan-out", "steps": [
                  {"id": "list", "type": "transform", "input": {"xs": [1, 2]}},
                  {"id": "a", "type": "transform", "forEach": "steps.list.output.xs"},
                  {"id": "b", "type": "transform", "forEach": "{{ steps.list.output.xs }}", "maxConcurrency": 0},
                  {"id": "c", "type": "transform", "input": {"x": "{{ item }}"}},
                  {"id": "d", "type": "transform", "dependsOn": [], "forEach": "{{ steps.list.output.xs }}"},
                  {"id": "e", "type": "transform", "forEach": "{{ input.xs }}", "onItemError": "ignore"}]}""")
                .expectProblem(422);

        List<String> errors = new ArrayList<>();
        problem.get("errors").forEach(e -> errors.add(e.get("step").asString() + " " + e.get("field").asString() + " "
                + e.get("code").asString()));
        assertThat(errors).contains("a forEach INVALID_FOR_EACH", "b maxConcurrency INVALID_MAX_CONCURRENCY",
                "c input ITEM_OUTSIDE_FOR_EACH", "e onItemError INVALID_ON_ITEM_ERROR");
        assertThat(problem.get("errors")).anySatisfy(e -> assertThat(e.get("pointer").asString()).isEqualTo("/steps/1/forEach"));

        JsonNode notAncestor = http.post("/v1/workflows", """
                {"slug": "bad-fan-out-ref", "steps": [
                  {"id": "list", "type": "transform", "input": {"xs": [1, 2]}},
                  {"id": "d", "type": "transform", "dependsOn": [], "forEach": "{{ steps.list.output.xs }}"}]}""")
                .expectProblem(422);
        assertThat(notAncestor.at("/errors/0/code").asString()).isEqualTo("NOT_AN_ANCESTOR");
        assertThat(notAncestor.at("/errors/0/field").asString()).isEqualTo("forEach");
    }

    @Test
    void aDryRunPlansTheItemsFromTheInput() {
        JsonNode plan = http.post("/v1/workflows/run?dryRun=true", """
                {"input": {"names": ["ada", "grace"]},
                 "plan": {"steps": [{"id": "greet", "type": "transform", "forEach": "{{ input.names }}", "maxConcurrency": 4,
                                     "input": {"text": "{{ 'hello ' + item }}"}}]}}""").expect(200).json();

        JsonNode greet = plan.get("steps").get(0);
        assertThat(plan.get("outcome").asString()).isEqualTo("completed");
        assertThat(plan.get("waves").toString()).isEqualTo("[[\"greet\"]]");
        assertThat(greet.at("/forEach/items").asInt()).isEqualTo(2);
        assertThat(greet.at("/forEach/maxConcurrency").asInt()).isEqualTo(4);
        assertThat(greet.at("/input/text").asString()).isEqualTo("hello ada");
        assertThat(greet.get("sampleOutput")).hasSize(2);
    }

    /** The most items whose [startedAt, finishedAt] intervals overlap. */
    private static int maxOverlap(JsonNode items) {
        List<Instant[]> spans = new ArrayList<>();
        items.forEach(i -> spans.add(new Instant[] {Instant.parse(i.get("startedAt").asString()),
                Instant.parse(i.get("finishedAt").asString())}));
        int max = 0;
        for (Instant[] span : spans) {
            int running = 0;
            for (Instant[] other : spans) {
                if (!other[0].isAfter(span[0]) && other[1].isAfter(span[0])) {
                    running++;
                }
            }
            max = Math.max(max, running);
        }
        return max;
    }
}
