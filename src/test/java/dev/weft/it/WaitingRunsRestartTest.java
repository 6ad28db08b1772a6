package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.weft.WeftApplication;
import dev.weft.testsupport.PostgresTestDatabase;
import dev.weft.testsupport.SharedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * 100 runs wait for a signal while the service stops and starts again on the same data (on H2,
 * PostgreSQL, and PostgreSQL + Kafka): every one still waits afterwards, holding nothing but its
 * rows, and each completes with its own signal's body once the signals come.
 */
class WaitingRunsRestartTest {

    private static final String KEY = "wk_waiting_restart_key_00000000000001";
    private static final int RUNS = 100;

    @TempDir
    Path dataDir;

    @Test
    void onH2() {
        waitThroughARestart(Map.of("weft.data-dir", dataDir.toString()));
    }

    @Test
    void onPostgres() {
        PostgresTestDatabase.assumeAvailable();
        waitThroughARestart(postgres());
    }

    @Test
    void onPostgresWithKafka() {
        PostgresTestDatabase.assumeAvailable();
        Map<String, Object> properties = new java.util.HashMap<>(postgres());
        properties.putAll(SharedKafka.dispatchProperties());
        waitThroughARestart(properties);
    }

    private Map<String, Object> postgres() {
        return Map.of("weft.data-dir", dataDir.toString(),
                "spring.datasource.url", PostgresTestDatabase.createUrl(),
                "spring.datasource.username", PostgresTestDatabase.user(),
                "spring.datasource.password", PostgresTestDatabase.password());
    }

    private void waitThroughARestart(Map<String, Object> backend) {
        List<String> runIds = new ArrayList<>();
        try (ConfigurableApplicationContext first = start(backend)) {
            Http http = client(first);
            for (int i = 0; i < RUNS; i++) {
                runIds.add(http.post("/v1/workflows/run", """
                        {"input": {"n": %d}, "plan": {"steps": [
                          {"id": "draft", "type": "transform", "input": {"n": "{{ input.n }}"}},
                          {"id": "approve", "type": "wait_for_signal", "input": {"signal": "approval"}},
                          {"id": "publish", "type": "transform",
                           "input": {"n": "{{ steps.draft.output.n }}", "by": "{{ steps.approve.output.by }}"}}]}}"""
                        .formatted(i)).expect(202).json().get("runId").asString());
            }
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                    runIds.stream().allMatch(id -> waits(http.get("/v1/workflows/runs/" + id).json())));
        }

        try (ConfigurableApplicationContext second = start(backend)) {
            Http http = client(second);
            for (String id : runIds) {
                JsonNode run = http.get("/v1/workflows/runs/" + id).expect(200).json();
                assertThat(waits(run)).as("still waiting after the restart: %s", run).isTrue();
            }
            for (int i = 0; i < RUNS; i++) {
                http.post("/v1/workflows/runs/" + runIds.get(i) + "/signals/approval", "{\"by\": \"reviewer-" + i + "\"}")
                        .expect(202);
            }
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() ->
                    runIds.stream().allMatch(id -> http.get("/v1/workflows/runs/" + id).json().get("status").asString()
                            .equals("completed")));
            for (int i = 0; i < RUNS; i++) {
                JsonNode run = http.get("/v1/workflows/runs/" + runIds.get(i)).expect(200).json();
                assertThat(ApiTestBase.step(run, "publish").get("output").toString())
                        .isEqualTo("{\"n\":" + i + ",\"by\":\"reviewer-" + i + "\"}");
            }
        }
    }

    private static boolean waits(JsonNode run) {
        return run.get("status").asString().equals("running")
                && ApiTestBase.step(run, "approve").get("status").asString().equals("waiting");
    }

    private ConfigurableApplicationContext start(Map<String, Object> backend) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--weft.bootstrap.app-id=waiting-app",
                "--weft.bootstrap.api-key=" + KEY, "--weft.engine.poll-interval=PT0.1S", "--spring.jmx.enabled=false",
                "--weft.providers.warm-up=false", "--weft.rate-limits.enabled=false"));
        backend.forEach((k, v) -> args.add("--" + k + "=" + v));
        return new SpringApplicationBuilder(WeftApplication.class, TestSteps.class).run(args.toArray(String[]::new));
    }

    private static Http client(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return new Http("http://127.0.0.1:" + port, KEY);
    }
}
