package dev.weft.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.weft.it.Http;
import dev.weft.testsupport.ChildJvm;
import dev.weft.testsupport.PostgresTestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * kill -9 of an embedded Weft process (on H2, then on PostgreSQL) while a fan-out of 50 items is
 * under way, ten of them mid-execution: after a restart on the same data every item runs to one
 * committed result, none is lost, and an item that was cut off runs again with the same webhook
 * id. The distributed topology's version is in {@link DistributedFaultTest}.
 */
class FanOutCrashTest {

    static final int ITEMS = 50;
    static final int CONCURRENCY = 10;
    private static final String KEY = "wk_fanout_crash_key_00000000000000001";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // keeps the processes' logs of a failed run
    Path dir;
    private WebhookReceiver receiver;
    private final List<ChildJvm> processes = new ArrayList<>();

    @BeforeEach
    void startReceiver() {
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        for (ChildJvm p : processes) {
            p.kill9();
        }
        receiver.close();
    }

    @Test
    void onH2() throws Exception {
        killMidFanOutAndRestart(List.of("--weft.data-dir=" + dir.resolve("data")));
    }

    @Test
    void onPostgres() throws Exception {
        PostgresTestDatabase.assumeAvailable();
        String url = PostgresTestDatabase.createUrl();
        killMidFanOutAndRestart(List.of("--weft.data-dir=" + dir.resolve("data"),
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + PostgresTestDatabase.user(),
                "--spring.datasource.password=" + PostgresTestDatabase.password()));
    }

    private void killMidFanOutAndRestart(List<String> storage) throws Exception {
        int port = ChildJvm.freePort();
        ChildJvm first = start(port, storage);
        Http http = new Http("http://127.0.0.1:" + port, KEY);
        WeftCluster.awaitHealthy(port);
        String prefix = "/fan-out-" + System.nanoTime() + "/";
        receiver.holdFirstUnder(prefix);
        String runId = http.post("/v1/workflows/run", fanOutPlan(receiver, prefix)).expect(202).json().get("runId").asString();
        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.pathsUnder(prefix) == CONCURRENCY);

        first.kill9();
        receiver.release(prefix); // the held requests died with the process; the ones after it are answered
        start(port, storage);
        WeftCluster.awaitHealthy(port);

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> http.get("/v1/workflows/runs/" + runId).json().get("status").asString(), "completed"::equals);
        JsonNode run = http.get("/v1/workflows/runs/" + runId).expect(200).json();
        assertEveryItemCommittedOnce(run, receiver, prefix, CONCURRENCY);
    }

    /**
     * A fan-out of {@link #ITEMS} webhooks, one path per item, {@link #CONCURRENCY} at a time; the
     * run's output is the list of the items' results.
     */
    static String fanOutPlan(WebhookReceiver receiver, String prefix) {
        return """
                {"plan": {"steps": [
                  {"id": "list", "type": "transform", "input": {"items": "{{ [%s] }}"}},
                  {"id": "notify", "type": "emit_webhook", "forEach": "{{ steps.list.output.items }}",
                   "maxConcurrency": %d,
                   "input": {"url": "%s{{ index }}", "payload": {"item": "{{ item }}"}}}],
                 "output": {"results": "{{ steps.notify.output }}"}}}"""
                .formatted(String.join(", ", java.util.stream.IntStream.range(0, ITEMS).mapToObj(i -> "'i" + i + "'").toList()),
                        CONCURRENCY, receiver.url(prefix));
    }

    /**
     * Every item succeeded in one counted attempt and shows in the output; every item's webhook was
     * received, and an item sent more than once (cut off by the kill) carried the same id each time.
     */
    static void assertEveryItemCommittedOnce(JsonNode run, WebhookReceiver receiver, String prefix, int cutOff) {
        JsonNode notify = null;
        for (JsonNode s : run.get("steps")) {
            if (s.get("id").asString().equals("notify")) {
                notify = s;
            }
        }
        assertThat(notify).as("run %s", run).isNotNull();
        assertThat(notify.get("status").asString()).isEqualTo("succeeded");
        assertThat(notify.get("items")).hasSize(ITEMS);
        assertThat(notify.at("/itemCounts/succeeded").asInt()).isEqualTo(ITEMS);
        int interrupted = 0;
        for (JsonNode item : notify.get("items")) {
            assertThat(item.get("status").asString()).isEqualTo("succeeded");
            assertThat(item.get("attempts").asInt()).as("item %s", item).isEqualTo(1);
            interrupted += item.path("interruptions").asInt(0);
        }
        assertThat(interrupted).as("items cut off by the kill ran again").isGreaterThanOrEqualTo(1)
                .isLessThanOrEqualTo(cutOff);
        assertThat(run.at("/output/results")).hasSize(ITEMS);
        assertThat(receiver.pathsUnder(prefix)).isEqualTo(ITEMS);
        for (int i = 0; i < ITEMS; i++) {
            List<String> ids = receiver.ids(prefix + i);
            assertThat(ids).as("webhook ids of item %d", i).isNotEmpty().allMatch(id -> id.equals(ids.getFirst()));
            JsonNode result = run.at("/output/results/" + i);
            assertThat(result.get("statusCode").asInt()).isEqualTo(200);
            assertThat(result.get("webhookId").asString()).isEqualTo(ids.getFirst());
        }
    }

    private ChildJvm start(int port, List<String> storage) {
        List<String> args = new ArrayList<>(storage);
        args.addAll(List.of("--server.port=" + port, "--weft.bootstrap.app-id=fan-out-crash",
                "--weft.bootstrap.api-key=" + KEY, "--weft.outbound.allow-hosts=127.0.0.1",
                "--weft.engine.poll-interval=PT0.1S", "--weft.providers.warm-up=false"));
        ChildJvm jvm = ChildJvm.start("dev.weft.WeftApplication", List.of("-Xmx512m", "-XX:TieredStopAtLevel=1"), args,
                dir.resolve("weft-" + processes.size() + ".log"), false);
        processes.add(jvm);
        return jvm;
    }
}
