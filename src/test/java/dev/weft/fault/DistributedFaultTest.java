package dev.weft.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.weft.it.Http;
import dev.weft.testsupport.ChildJvm;
import dev.weft.testsupport.PostgresTestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Faults of the distributed topology, with real processes: one PostgreSQL database, one Kafka
 * broker JVM, one {@code api} and two {@code worker} JVMs, shared by the tests. Each fault is
 * followed by the run completing and its side effect (a webhook) taking place once, or carrying
 * the same webhook id every time it is sent. Skipped, saying how to run it, when PostgreSQL is
 * unreachable (failed instead under {@code CI=true}); the broker comes from the Kafka server
 * artifacts on the test classpath. Takes about a minute, most of it starting the JVMs.
 */
class DistributedFaultTest {

    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // keeps the processes' logs of a failed run
    static Path dir;
    private static WeftCluster cluster;
    private static WebhookReceiver receiver;
    private static StepTopic topic;

    @BeforeAll
    static void startCluster() {
        PostgresTestDatabase.assumeAvailable();
        receiver = new WebhookReceiver();
        cluster = WeftCluster.start(dir);
        topic = new StepTopic(cluster.broker.bootstrapServers());
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void aWorkerKilledMidStepIsReplacedAndTheStepTakesEffectOnce() throws Exception {
        String hook = "/killed-worker";
        receiver.holdFirst(hook);
        String runId = submit(cluster.api(), notifyPlan(hook));
        await().atMost(RUN_TIMEOUT).until(() -> receiver.ids(hook).size() == 1);
        long ownerPid = cluster.leaseOwnerPid(runId, "notify");
        ChildJvm owner = cluster.workers().stream().filter(w -> w.pid() == ownerPid).findFirst().orElseThrow();

        owner.kill9();

        try {
            JsonNode run = awaitStatus(runId, "completed");
            assertThat(step(run, "notify").get("interruptions").asInt()).as("run %s", run).isEqualTo(1);
            assertThat(step(run, "notify").get("attempts").asInt()).as("run %s", run).isEqualTo(1);
            List<String> ids = receiver.ids(hook);
            assertThat(ids).hasSize(2);
            assertThat(ids.get(1)).isEqualTo(ids.get(0));
        } finally {
            receiver.release(hook);
            cluster.replaceWorker(owner);
        }
    }

    @Test
    void aWorkerKilledDuringAFanOutOfFiftyItemsLosesNoItemAndRunsNoneTwiceToCompletion() throws Exception {
        String prefix = "/fan-out-" + System.nanoTime() + "/";
        receiver.holdFirstUnder(prefix);
        String runId = submit(cluster.api(), FanOutCrashTest.fanOutPlan(receiver, prefix));
        await().atMost(RUN_TIMEOUT).until(() -> receiver.pathsUnder(prefix) == FanOutCrashTest.CONCURRENCY);
        long ownerPid = cluster.leaseOwnerPid(runId, "notify[0]");
        ChildJvm owner = cluster.workers().stream().filter(w -> w.pid() == ownerPid).findFirst().orElseThrow();

        owner.kill9();
        receiver.release(prefix);

        try {
            awaitStatus(runId, "completed");
            JsonNode run = cluster.api().get("/v1/workflows/runs/" + runId).expect(200).json();
            FanOutCrashTest.assertEveryItemCommittedOnce(run, receiver, prefix, FanOutCrashTest.CONCURRENCY);
        } finally {
            cluster.replaceWorker(owner);
        }
    }

    @Test
    void runsWaitingOnADelayCompleteAfterTheBrokerIsKilledAndRestarted() throws Exception {
        Map<String, String> hooks = new LinkedHashMap<>(); // run id -> its webhook path
        for (int i = 0; i < 3; i++) {
            hooks.put(submit(cluster.api(), delayPlan("PT3S", "/broker-restart/" + i)), "/broker-restart/" + i);
        }
        await().atMost(RUN_TIMEOUT).until(() -> hooks.keySet().stream().allMatch(r -> cluster.stepStarted(r, "wait")));

        cluster.broker.kill9();
        // accepted while there is no broker: their steps wait in the api process's outbox
        for (int i = 3; i < 23; i++) {
            hooks.put(submit(cluster.api(), delayPlan("PT1S", "/broker-restart/" + i)), "/broker-restart/" + i);
        }
        Http health = cluster.api().as(null);
        await().atMost(RUN_TIMEOUT).pollInterval(Duration.ofMillis(250)).until(() ->
                health.get("/actuator/health").json().at("/components/dispatch/status").asString(), "DEGRADED"::equals);
        assertThat(health.get("/actuator/health").status()).as("still in service: runs are accepted").isEqualTo(200);
        cluster.broker.start();

        hooks.forEach(DistributedFaultTest::awaitCompletedWithOneEffect);
        await().atMost(RUN_TIMEOUT).pollInterval(Duration.ofMillis(250)).until(() ->
                health.get("/actuator/health").json().at("/components/dispatch/status").asString(), "UP"::equals);
    }

    @Test
    void runsCompleteAfterEveryDatabaseConnectionIsDroppedMidRun() {
        Map<String, String> hooks = new LinkedHashMap<>(); // run id -> its webhook path
        for (int i = 0; i < 4; i++) {
            hooks.put(submit(cluster.api(), delayPlan("PT2S", "/db-drop/" + i)), "/db-drop/" + i);
        }
        await().atMost(RUN_TIMEOUT).until(() -> hooks.keySet().stream().allMatch(r -> cluster.stepStarted(r, "wait")));

        assertThat(cluster.dropDatabaseConnections()).as("connections dropped").isPositive();

        String key = UUID.randomUUID().toString(); // a retry after a failed request must not start a second run
        String late = await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> cluster.api()
                .post("/v1/workflows/run", withIdempotencyKey(delayPlan("PT1S", "/db-drop/4"), key)).expect(202)
                .json().get("runId").asString(), id -> true);
        hooks.put(late, "/db-drop/4");
        hooks.forEach(DistributedFaultTest::awaitCompletedWithOneEffect);
    }

    @Test
    void duplicateStepMessagesHaveNoEffectAndAPoisonMessageGoesToTheDeadLetterTopicWithoutFailingItsRun() throws Exception {
        String hook = "/duplicates";
        receiver.holdFirst(hook);
        String runId = submit(cluster.api(), notifyPlan(hook));
        await().atMost(RUN_TIMEOUT).until(() -> receiver.ids(hook).size() == 1);

        topic.publishStep(runId, "notify"); // while the step runs
        topic.awaitAllConsumed();
        receiver.release(hook);
        awaitCompleted(runId);
        topic.publishStep(runId, "notify"); // after it finished
        topic.publishStep(runId, "finish");
        topic.awaitAllConsumed();

        JsonNode run = cluster.api().get("/v1/workflows/runs/" + runId).expect(200).json();
        assertThat(step(run, "notify").get("attempts").asInt()).isEqualTo(1);
        assertThat(step(run, "notify").path("interruptions").asInt()).isZero();
        assertThat(receiver.ids(hook)).hasSize(1);

        String waiting = submit(cluster.api(), delayPlan("PT60S", "/never"));
        await().atMost(RUN_TIMEOUT).until(() -> cluster.stepStarted(waiting, "wait"));
        topic.publish(waiting, "this is not a step message");

        await().atMost(RUN_TIMEOUT).untilAsserted(() -> assertThat(topic.deadLetters())
                .filteredOn(r -> waiting.equals(r.key())).extracting(r -> r.value())
                .containsExactly("this is not a step message"));
        JsonNode stillRunning = cluster.api().get("/v1/workflows/runs/" + waiting).expect(200).json();
        assertThat(stillRunning.get("status").asString()).as("a bad message does not fail the run").isEqualTo("running");
        cluster.api().post("/v1/workflows/runs/" + waiting + "/cancel", "").expect(200);
    }

    @Test
    void aRunAcceptedByAnApiProcessThatDiesBeforePublishingIsStillExecuted() throws Exception {
        String hook = "/unpublished";
        int port = ChildJvm.freePort();
        // no broker listens there: this api process commits runs and their outbox rows but can publish nothing
        ChildJvm cutOff = cluster.startService("api", port, "127.0.0.1:" + ChildJvm.freePort());
        try {
            WeftCluster.awaitHealthy(port);
            String runId = submit(WeftCluster.http(port), notifyPlan(hook));

            cutOff.kill9();

            JsonNode run = awaitStatus(runId, "completed");
            assertThat(step(run, "notify").get("attempts").asInt()).isEqualTo(1);
            assertThat(receiver.ids(hook)).hasSize(1);
        } finally {
            cutOff.kill9();
        }
    }

    private static String notifyPlan(String hook) {
        return """
                {"plan": {"steps": [
                  {"id": "prepare", "type": "transform", "input": {"n": 1}},
                  {"id": "notify", "type": "emit_webhook", "input": {"url": "%s", "payload": {"n": "{{ steps.prepare.output.n }}"}}},
                  {"id": "finish", "type": "transform", "input": {"done": true}}]}}""".formatted(receiver.url(hook));
    }

    private static String delayPlan(String duration, String hook) {
        return """
                {"plan": {"steps": [
                  {"id": "prepare", "type": "transform", "input": {"n": 1}},
                  {"id": "wait", "type": "delay", "input": {"duration": "%s"}},
                  {"id": "notify", "type": "emit_webhook", "input": {"url": "%s", "payload": {"n": 1}}},
                  {"id": "finish", "type": "transform", "input": {"done": true}}]}}""".formatted(duration, receiver.url(hook));
    }

    private static String withIdempotencyKey(String request, String key) {
        return request.replaceFirst("\\{", "{\"idempotencyKey\": \"" + key + "\", ");
    }

    private static String submit(Http api, String request) {
        return api.post("/v1/workflows/run", request).expect(202).json().get("runId").asString();
    }

    /** The run completes and its webhook was sent at least once, every time with the same id. */
    private static void awaitCompletedWithOneEffect(String runId, String hook) {
        awaitCompleted(runId);
        assertThat(receiver.ids(hook)).as("webhook ids of run %s", runId).isNotEmpty()
                .allMatch(id -> id.equals(receiver.ids(hook).getFirst()));
    }

    private static void awaitCompleted(String runId) {
        JsonNode run = awaitStatus(runId, "completed");
        assertThat(step(run, "finish").at("/output/done").asBoolean()).as("run %s", run).isTrue();
    }

    private static JsonNode awaitStatus(String runId, String status) {
        return await().atMost(RUN_TIMEOUT).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> cluster.api().get("/v1/workflows/runs/" + runId).json(),
                        run -> run.get("status").asString().equals(status));
    }

    private static JsonNode step(JsonNode run, String id) {
        for (JsonNode s : run.get("steps")) {
            if (s.get("id").asString().equals(id)) {
                return s;
            }
        }
        throw new AssertionError("no step " + id + " in " + run);
    }
}
