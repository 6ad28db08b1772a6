package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What an outside probe of the running service found, each as a regression test: expressions that
 * try to fill memory, failures outside a handler, and errors in a handler all end the step at
 * once with a code, never by a lease running out.
 */
abstract class HardeningTest extends ApiTestBase {

    @Test
    void anExpressionThatBuildsAHugeStringFailsTheStepAtOnceWithTheLimitCode() {
        String numbers = "0,".repeat(10_000) + "0";
        String runId = start("""
                {"plan": {"steps": [{"id": "blow", "type": "transform",
                  "input": {"text": "{{ input.a.map(i, input.s).join('') }}"}}]},
                 "input": {"a": [%s], "s": "%s"}}""".formatted(numbers, "x".repeat(40_000)));

        JsonNode run = awaitStatus(runId, "failed");

        assertThat(step(run, "blow").at("/error/code").asString()).isEqualTo("EXPRESSION_LIMIT");
        assertThat(step(run, "blow").get("attempts").asInt()).isEqualTo(1);
        assertThat(run.at("/error/code").asString()).isEqualTo("EXPRESSION_LIMIT");
    }

    @Test
    void aConditionOrOutputThatBreaksALimitFailsTheRunAtOnce() {
        String condition = start("""
                {"plan": {"steps": [{"id": "a", "type": "transform",
                  "when": "input.s.size() > 0 && [input.s, input.s, input.s].map(x, x + x + x + x).join('').size() > 0"}]},
                 "input": {"s": "%s"}}""".formatted("x".repeat(400_000)));
        String output = start("""
                {"plan": {"steps": [{"id": "a", "type": "transform"}],
                  "output": {"all": "{{ [1,2,3,4,5,6,7,8,9,10].map(i, input.s).join('-') }}"}},
                 "input": {"s": "%s"}}""".formatted("x".repeat(500_000)));

        assertThat(step(awaitStatus(condition, "failed"), "a").at("/error/code").asString()).isEqualTo("EXPRESSION_LIMIT");
        assertThat(awaitStatus(output, "failed").at("/error/code").asString()).isEqualTo("EXPRESSION_LIMIT");
    }

    @Test
    void anErrorThrownByAStepFailsItAtOnceWithoutTheJavaTypeAndIsNotRunAgain() {
        String key = "crash-" + System.nanoTime();
        String runId = start("""
                {"plan": {"steps": [{"id": "crash", "type": "test_crash", "retry": {"maxAttempts": 3, "initialDelay": "PT0.01S"},
                  "input": {"key": "%s"}}]}}""".formatted(key));

        JsonNode run = awaitStatus(runId, "failed");

        JsonNode error = step(run, "crash").get("error");
        assertThat(error.get("code").asString()).isEqualTo("STEP_CRASHED");
        assertThat(error.get("message").asString()).contains("ran out of memory").doesNotContain("Error")
                .doesNotContain("java.");
        assertThat(step(run, "crash").get("attempts").asInt()).isEqualTo(1);
        assertThat(TestSteps.EXECUTIONS.get(key)).hasValue(1);
    }

    // --- numbers out of range: a 422 naming the field, never a 500 or a silently clamped value

    @Test
    void numbersOutOfRangeAreRefusedNamingTheField() {
        String huge = "1" + "0".repeat(400);
        String plan = "\"plan\": {\"steps\": [{\"id\": \"a\", \"type\": \"transform\"}]}";
        http.put("/v1/collections/ranges/documents/one", "{\"embedding\": [1, 0]}").expect(200);

        assertField(http.post("/v1/collections/ranges/query", "{\"embedding\": [1, 0], \"topK\": 100000000000000000000}")
                .expectProblem(422), "topK");
        assertField(http.put("/v1/collections/ranges/documents/two", "{\"embedding\": [1e308, 0]}").expectProblem(422),
                "embedding[0]");
        assertField(http.put("/v1/budget", "{\"monthlyMaxCostUsd\": " + huge + "}").expectProblem(422), "monthlyMaxCostUsd");
        assertField(http.put("/v1/budget", "{\"monthlyMaxCostUsd\": 1e400}").expectProblem(422), "monthlyMaxCostUsd");
        assertField(http.post("/v1/workflows/run", "{\"budget\": {\"maxCostUsd\": 1e308}, " + plan + "}").expectProblem(422),
                "budget.maxCostUsd");
        assertField(http.post("/v1/workflows/run", "{\"budget\": {\"maxCostUsd\": " + huge + "}, " + plan + "}")
                .expectProblem(422), "budget.maxCostUsd");
        JsonNode planBudget = http.post("/v1/workflows/run", """
                {"plan": {"budget": {"maxCostUsd": %s}, "steps": [{"id": "a", "type": "transform"}]}}""".formatted(huge))
                .expectProblem(422);
        assertThat(planBudget.get("errors").findValuesAsString("field")).contains("budget.maxCostUsd");
        JsonNode retry = http.post("/v1/workflows", """
                {"slug": "ranges", "steps": [{"id": "a", "type": "transform",
                  "retry": {"multiplier": 1e400, "jitter": %s}}]}""".formatted(huge)).expectProblem(422);
        assertThat(retry.get("errors").findValuesAsString("field"))
                .containsExactly("steps[0].retry.multiplier", "steps[0].retry.jitter");
        assertThat(http.get("/v1/budget").expect(200).json().path("monthlyMaxCostUsd").isNumber()).isFalse();
    }

    @Test
    void aNumberInTheRunInputThatNoExpressionCouldReadIsRefusedAtSubmission() {
        JsonNode problem = http.post("/v1/workflows/run", """
                {"plan": {"steps": [{"id": "a", "type": "transform", "input": {"n": "{{ input.deep.n }}"}}]},
                 "input": {"deep": {"n": %s}}}""".formatted("9".repeat(401))).expectProblem(422);

        assertField(problem, "input.deep.n");
    }

    // --- lengths the database would refuse: a 422 before anything is written

    @Test
    void valuesLongerThanTheirColumnsAreRefusedNamingTheField() {
        String longUrl = "https://example.com/" + "a".repeat(3_000);
        int runsBefore = http.get("/v1/workflows/runs?limit=200").expect(200).json().get("runs").size();

        assertField(http.post("/v1/workflows/run", """
                {"plan": {"steps": [{"id": "a", "type": "transform"}]}, "webhookUrl": "%s"}""".formatted(longUrl))
                .expectProblem(422), "webhookUrl");
        assertField(http.post("/v1/workflows/run", """
                {"plan": {"steps": [{"id": "a", "type": "transform"}]}, "idempotencyKey": "%s"}""".formatted("k".repeat(201)))
                .expectProblem(422), "idempotencyKey");
        assertField(http.put("/v1/providers/openai/key", """
                {"apiKey": "sk-test-000000000000000000", "baseUrl": "%s"}""".formatted(longUrl)).expectProblem(422), "baseUrl");
        assertThat(http.get("/v1/workflows/runs?limit=200").expect(200).json().get("runs").size()).isEqualTo(runsBefore);
    }

    // --- depth: the limit holds on every write path, so nothing stored breaks its reads

    @Test
    void aDocumentNestedTooDeeplyIsRefusedOnEveryWritePathAndTheCollectionStaysReadable() {
        http.put("/v1/collections/deep/documents/ok", "{\"embedding\": [1, 0], \"metadata\": {\"k\": 1}}").expect(200);

        JsonNode tooDeep = http.put("/v1/collections/deep/documents/bad",
                "{\"embedding\": [1, 0], \"metadata\": " + nested(40) + "}").expectProblem(422);
        JsonNode farTooDeep = http.put("/v1/collections/deep/documents/bad",
                "{\"embedding\": [1, 0], \"metadata\": " + nested(250) + "}").expectProblem(400);
        JsonNode subscription = http.post("/v1/workflows/run", "{\"plan\": " + nested(40) + "}").expectProblem(422);

        assertField(tooDeep, "metadata");
        assertThat(farTooDeep.get("detail").asString()).contains("nests JSON too deeply").doesNotContain("StreamReadConstraints");
        assertField(subscription, "plan");
        assertThat(http.get("/v1/collections/deep/documents").expect(200).json().get("documents")).hasSize(1);
        http.post("/v1/collections/deep/query", "{\"embedding\": [1, 0]}").expect(200);
    }

    private static String nested(int depth) {
        return "{\"a\": ".repeat(depth) + "1" + "}".repeat(depth);
    }

    // --- error bodies in the API's words

    @Test
    void problemsNameTheFieldAndTheExpectedTypeNeverAJavaTypeOrSignature() {
        Http admin = http.asAdmin("it-admin-token");

        JsonNode empty = admin.postRaw("/admin/apps", "application/json", null).expectProblem(400);
        JsonNode wrongType = admin.post("/admin/apps", "{\"id\": \"typed-app\", \"name\": [\"x\"]}").expectProblem(422);
        JsonNode notAnObject = admin.post("/admin/apps", "[1, 2]").expectProblem(422);
        JsonNode runWrongType = http.post("/v1/workflows/run", "{\"workflowSlug\": 5}").expectProblem(422);
        JsonNode fraction = http.post("/v1/workflows/run", "{\"workflowSlug\": \"x\", \"version\": 1.5}").expectProblem(422);
        assertField(fraction, "version");
        assertThat(fraction.at("/errors/0/message").asString()).isEqualTo("must be an integer");
        JsonNode malformed = http.post("/v1/workflows/run", "{\"workflowSlug\": ").expectProblem(400);

        assertField(wrongType, "name");
        assertThat(wrongType.at("/errors/0/message").asString()).isEqualTo("must be a string");
        assertThat(notAnObject.at("/errors/0/message").asString()).isEqualTo("must be a JSON object");
        assertField(runWrongType, "workflowSlug");
        for (JsonNode problem : java.util.List.of(empty, wrongType, notAnObject, runWrongType, malformed)) {
            assertThat(problem.toString()).doesNotContain("java.", "dev.weft", "public ", "Exception", "tools.jackson",
                    "Request", "$");
        }
    }

    // --- unknown fields are refused everywhere

    @Test
    void unknownFieldsAreRefusedNamingTheFieldOnEveryEndpoint() {
        Http admin = http.asAdmin("it-admin-token");
        http.put("/v1/collections/strict/documents/one", "{\"embedding\": [1, 0]}").expect(200);

        assertField(http.put("/v1/collections/strict/documents/two", "{\"embedding\": [1, 0], \"meta\": {}}")
                .expectProblem(422), "meta");
        assertField(http.post("/v1/collections/strict/query", "{\"embedding\": [1, 0], \"topk\": 1}").expectProblem(422),
                "topk");
        assertField(admin.post("/admin/apps", "{\"id\": \"unknown-fields\", \"name\": \"x\", \"nmae\": \"y\"}")
                .expectProblem(422), "nmae");
        assertField(admin.post("/admin/apps/it-app/keys", "{\"nam\": \"k\"}").expectProblem(422), "nam");
        JsonNode providerKey = http.put("/v1/providers/openai/key",
                "{\"apiKey\": \"sk-test-000000000000000000\", \"baseURL\": \"https://example.com/v1\"}").expectProblem(422);
        assertField(providerKey, "baseURL");
        assertThat(providerKey.at("/errors/0/message").asString()).contains("baseUrl");
        admin.get("/admin/apps").expect(200);
        assertThat(admin.get("/admin/apps").json().get("apps").findValuesAsString("id")).doesNotContain("unknown-fields");
    }

    // --- every error is problem+json, including those Tomcat answers itself

    @Test
    void malformedPathsAnswerProblemJsonNotHtml() {
        for (String path : java.util.List.of("/v1/workflows/runs/..%2F..%2Fadmin", "/v1/workflows/runs/a%00b",
                "/admin/apps/..%5Cx")) {
            Http.Response response = http.get(path);

            assertThat(response.status()).as(path).isEqualTo(400);
            assertThat(response.contentType()).as(path).startsWith("application/problem+json");
            assertThat(response.json().get("status").asInt()).isEqualTo(400);
        }
    }

    private static void assertField(JsonNode problem, String field) {
        assertThat(problem.at("/errors/0/field").asString()).as("problem %s", problem).isEqualTo(field);
        assertThat(problem.get("detail").asString()).contains(field);
    }

    // --- engine: resume after a run timeout, cancelling running steps

    @Test
    void resumingARunThatFailedOnItsTimeoutGivesItTheWholeTimeoutAgain() {
        String runId = start("""
                {"plan": {"timeout": "PT1S", "steps": [{"id": "wait", "type": "delay", "input": {"duration": "PT1H"}}]}}""");
        JsonNode failed = awaitStatus(runId, "failed");
        java.time.Instant beforeResume = java.time.Instant.now();

        http.post("/v1/workflows/runs/" + runId + "/resume", "").expect(202);
        JsonNode resumed = http.get("/v1/workflows/runs/" + runId).expect(200).json();

        assertThat(failed.at("/error/code").asString()).isEqualTo("RUN_TIMEOUT");
        assertThat(resumed.get("status").asString()).isEqualTo("running");
        assertThat(java.time.Instant.parse(resumed.get("deadline").asString()))
                .isAfterOrEqualTo(beforeResume.plusSeconds(1).minusMillis(1));
        http.post("/v1/workflows/runs/" + runId + "/cancel", "").expect(200);
    }

    @Test
    void cancellingARunStopsItsRunningStepAndAbortsItsOutboundCall() throws Exception {
        try (HangingReceiver receiver = new HangingReceiver()) {
            String runId = start("""
                    {"plan": {"steps": [{"id": "notify", "type": "emit_webhook", "timeout": "PT10M",
                      "input": {"url": "%s", "payload": {"x": 1}}}]}}""".formatted(receiver.url()));
            await().atMost(Duration.ofSeconds(30)).until(receiver::requestReceived);

            http.post("/v1/workflows/runs/" + runId + "/cancel", "").expect(200);

            await().atMost(Duration.ofSeconds(20)).until(receiver::clientClosed);
            JsonNode run = http.get("/v1/workflows/runs/" + runId).expect(200).json();
            assertThat(run.get("status").asString()).isEqualTo("cancelled");
            assertThat(step(run, "notify").get("status").asString()).isEqualTo("cancelled");
            assertThat(step(run, "notify").get("reason").asString())
                    .isEqualTo("cancelled while attempt 1 was running");
            JsonNode cancelled = java.util.stream.StreamSupport.stream(
                            http.get("/v1/workflows/runs/" + runId + "/events").expect(200).json().get("events").spliterator(), false)
                    .filter(e -> e.get("type").asString().equals("step.cancelled")).findFirst().orElseThrow();
            assertThat(cancelled.get("attempt").asInt()).isEqualTo(1);
            assertThat(cancelled.at("/data/attemptStopped").asBoolean()).isTrue();
        }
    }

    /** Accepts one request, reads it, never answers, and notices when the client closes the connection. */
    static final class HangingReceiver implements AutoCloseable {
        private final java.net.ServerSocket server;
        private final java.util.concurrent.atomic.AtomicBoolean received = new java.util.concurrent.atomic.AtomicBoolean();
        private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

        HangingReceiver() throws java.io.IOException {
            server = new java.net.ServerSocket(0, 10, java.net.InetAddress.getByName("127.0.0.1"));
            Thread.ofVirtual().start(() -> {
                try (java.net.Socket socket = server.accept()) {
                    var in = socket.getInputStream();
                    byte[] buffer = new byte[8192];
                    while (in.read(buffer) > 0) {
                        received.set(true);
                    }
                    closed.set(true); // end of stream: the client closed its side
                } catch (java.io.IOException e) {
                    closed.set(true); // reset by the client
                }
            });
        }

        String url() {
            return "http://127.0.0.1:" + server.getLocalPort() + "/hook";
        }

        boolean requestReceived() {
            return received.get();
        }

        boolean clientClosed() {
            return closed.get();
        }

        @Override
        public void close() throws java.io.IOException {
            server.close();
        }
    }
}
