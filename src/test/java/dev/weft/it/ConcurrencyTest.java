package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Concurrency keys and priority on each backend: at most {@code limit} runs with the same key value
 * run at once, however the submissions race; the others wait in pending with the reason and start
 * in submission order as slots free.
 */
abstract class ConcurrencyTest extends ApiTestBase {

    private String saveLimited(String slug, String step, int limit) {
        http.post("/v1/workflows", """
                {"slug": "%s", "concurrency": {"key": "{{ input.userId }}", "limit": %d}, "steps": [%s]}"""
                .formatted(slug, limit, step)).expect(201);
        return slug;
    }

    @Test
    void fiftySimultaneousSubmissionsWithOneKeyNeverRunMoreThanTheLimitAtOnce() throws Exception {
        String slug = saveLimited("limited-" + System.nanoTime(),
                "{\"id\": \"work\", \"type\": \"delay\", \"input\": {\"duration\": \"PT0.1S\"}}", 2);
        String user = "user-" + System.nanoTime();
        List<Callable<String>> submissions = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            submissions.add(() -> http.post("/v1/workflows/run", """
                    {"workflowSlug": "%s", "input": {"userId": "%s"}}""".formatted(slug, user)).expect(202).json()
                    .get("runId").asString());
        }
        List<String> runIds = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(50)) {
            for (Future<String> f : pool.invokeAll(submissions)) {
                runIds.add(f.get());
            }
        }
        JsonNode early = http.get("/v1/workflows/runs?status=pending&workflowSlug=" + slug).expect(200).json();

        List<JsonNode> runs = new ArrayList<>();
        for (String runId : runIds) {
            runs.add(awaitStatus(runId, "completed"));
        }

        assertThat(early.get("runs")).as("runs waiting for a slot right after the burst").isNotEmpty()
                .allSatisfy(r -> assertThat(r.get("statusReason").asString()).contains("concurrency slot", user));
        assertThat(maxOverlap(runs)).as("runs running at once, from their timings").isEqualTo(2);
        assertThat(runs).allSatisfy(r -> {
            assertThat(r.get("concurrencyKey").asString()).isEqualTo(user);
            assertThat(r.has("statusReason")).as("cleared once started").isFalse();
        });
    }

    @Test
    void waitingRunsStartInSubmissionOrderAndOtherKeysAreNotHeldUp() {
        String slug = saveLimited("one-at-a-time-" + System.nanoTime(),
                "{\"id\": \"hold\", \"type\": \"test_hold\", \"input\": {\"key\": \"{{ input.hold }}\"}}", 1);
        String tag = "order-" + System.nanoTime();
        List<String> runIds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            runIds.add(http.post("/v1/workflows/run", """
                    {"workflowSlug": "%s", "input": {"userId": "ada", "hold": "%s-%d"}}""".formatted(slug, tag, i))
                    .expect(202).json().get("runId").asString());
        }
        String otherKey = http.post("/v1/workflows/run", """
                {"workflowSlug": "%s", "input": {"userId": "grace", "hold": "%s-other"}}""".formatted(slug, tag))
                .expect(202).json().get("runId").asString();
        await().atMost(Duration.ofSeconds(30)).until(() -> TestSteps.EXECUTIONS.containsKey(tag + "-0")
                && TestSteps.EXECUTIONS.containsKey(tag + "-other"));

        JsonNode second = http.get("/v1/workflows/runs/" + runIds.get(1)).expect(200).json();
        release(tag + "-0");
        await().atMost(Duration.ofSeconds(30)).until(() -> TestSteps.EXECUTIONS.containsKey(tag + "-1"));
        JsonNode third = http.get("/v1/workflows/runs/" + runIds.get(2)).expect(200).json();
        release(tag + "-1");
        release(tag + "-2");
        release(tag + "-other");
        awaitStatus(runIds.get(2), "completed");
        awaitStatus(otherKey, "completed");

        assertThat(second.get("status").asString()).isEqualTo("pending");
        assertThat(second.get("statusReason").asString()).contains("at most 1 run with concurrency key 'ada'");
        JsonNode history = http.get("/v1/workflows/runs/" + runIds.get(1) + "/events").expect(200).json().get("events");
        assertThat(history.get(1).get("type").asString()).as("held back, in the history").isEqualTo("run.waiting");
        assertThat(history.get(1).get("data").get("reason").asString()).contains("concurrency key 'ada'");
        assertThat(history.get(2).get("type").asString()).isEqualTo("run.started");
        assertThat(third.get("status").asString()).as("still behind the second").isEqualTo("pending");
        assertThat(TestSteps.EXECUTIONS.get(tag + "-2").get()).isEqualTo(1);
    }

    @Test
    void aRunCannotResumeIntoAFullKeyAndBadConcurrencySettingsAreRefused() {
        String tag = "resume-" + System.nanoTime();
        String slug = saveLimited("resumable-" + System.nanoTime(), """
                {"id": "a", "type": "test_flaky", "input": {"key": "{{ input.flaky }}", "failTimes": "{{ input.failTimes }}",
                 "permanent": true}},
                {"id": "b", "type": "test_hold", "input": {"key": "{{ input.hold }}"}}""", 1);
        String failed = http.post("/v1/workflows/run", """
                {"workflowSlug": "%s", "input": {"userId": "u", "flaky": "%s-f", "failTimes": 1, "hold": "%s-h1"}}""".formatted(slug, tag, tag))
                .expect(202).json().get("runId").asString();
        awaitStatus(failed, "failed");
        String holding = http.post("/v1/workflows/run", """
                {"workflowSlug": "%s", "input": {"userId": "u", "flaky": "%s-g", "failTimes": 0, "hold": "%s-h2"}}""".formatted(slug, tag, tag))
                .expect(202).json().get("runId").asString();
        await().atMost(Duration.ofSeconds(30)).until(() -> TestSteps.EXECUTIONS.containsKey(tag + "-h2"));

        JsonNode refused = http.post("/v1/workflows/runs/" + failed + "/resume", "").expectProblem(409);
        release(tag + "-h2");
        awaitStatus(holding, "completed");
        http.post("/v1/workflows/runs/" + failed + "/resume", "").expect(202);
        release(tag + "-h1");
        awaitStatus(failed, "completed");

        assertThat(refused.get("detail").asString()).contains("concurrency key 'u'", "the limit is 1");
        JsonNode noKey = http.post("/v1/workflows/run", "{\"workflowSlug\": \"" + slug + "\", \"input\": {}}").expectProblem(422);
        assertThat(noKey.get("detail").asString()).contains("concurrency key", "gave null");
        JsonNode badLimit = http.post("/v1/workflows", """
                {"slug": "bad-limit-%d", "concurrency": {"key": "{{ steps.a.output }}", "limit": 0},
                 "steps": [{"id": "a", "type": "transform"}]}""".formatted(System.nanoTime())).expectProblem(422);
        assertThat(badLimit.get("errors")).extracting(e -> e.get("field").asString() + " " + e.get("code").asString())
                .contains("concurrency.key INVALID_CONCURRENCY", "concurrency.limit INVALID_CONCURRENCY");
    }

    @Test
    void aRunCarriesItsPriorityAndAnOutOfRangeOneIsRefused() {
        String runId = start("{\"priority\": 9, \"plan\": {\"steps\": [{\"id\": \"a\", \"type\": \"transform\"}]}}");
        JsonNode defaulted = awaitStatus(start("{\"plan\": {\"steps\": [{\"id\": \"a\", \"type\": \"transform\"}]}}"),
                "completed");

        JsonNode run = awaitStatus(runId, "completed");
        JsonNode refused = http.post("/v1/workflows/run",
                "{\"priority\": 10, \"plan\": {\"steps\": [{\"id\": \"a\", \"type\": \"transform\"}]}}").expectProblem(422);

        assertThat(run.get("priority").asInt()).isEqualTo(9);
        assertThat(defaulted.get("priority").asInt()).isEqualTo(5);
        assertThat(refused.toString()).contains("priority", "from 0 to 9");
    }

    private static void release(String key) {
        TestSteps.HOLDS.computeIfAbsent(key, k -> new java.util.concurrent.CountDownLatch(1)).countDown();
    }

    /** The most runs whose [startedAt, finishedAt] intervals overlap. */
    private static int maxOverlap(List<JsonNode> runs) {
        int max = 0;
        for (JsonNode run : runs) {
            Instant start = Instant.parse(run.get("startedAt").asString());
            int running = 0;
            for (JsonNode other : runs) {
                if (!Instant.parse(other.get("startedAt").asString()).isAfter(start)
                        && Instant.parse(other.get("finishedAt").asString()).isAfter(start)) {
                    running++;
                }
            }
            max = Math.max(max, running);
        }
        return max;
    }
}
