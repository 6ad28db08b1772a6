package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.weft.WeftApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** The database is the truth: stop the application mid-run, start it on the same data, the run completes. */
class RestartRecoveryTest {

    private static final String KEY = "wk_restart_test_key_0000000000000001";

    @TempDir
    Path dataDir;

    @Test
    void aRunInterruptedByAStopCompletesAfterARestartOnTheSameData() throws Exception {
        String runId;
        String flakyKey = UUID.randomUUID().toString();
        try (ConfigurableApplicationContext first = startApp()) {
            Http http = client(first);
            runId = http.post("/v1/workflows/run", """
                    {"plan": {"steps": [
                      {"id": "before", "type": "test_flaky", "input": {"key": "%s"}},
                      {"id": "wait", "type": "delay", "input": {"duration": "PT3S"}},
                      {"id": "after", "type": "transform", "input": {"done": true}}]}}""".formatted(flakyKey))
                    .expect(202).json().get("runId").asString();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonNode run = http.get("/v1/workflows/runs/" + runId).json();
                assertThat(ApiTestBase.step(run, "wait").get("status").asString()).isIn("running", "queued");
                assertThat(ApiTestBase.step(run, "before").get("status").asString()).isEqualTo("succeeded");
            });
        }

        try (ConfigurableApplicationContext second = startApp()) {
            Http http = client(second);
            JsonNode run = await().atMost(Duration.ofSeconds(30)).until(
                    () -> http.get("/v1/workflows/runs/" + runId).json(),
                    r -> r.get("status").asString().equals("completed"));

            assertThat(ApiTestBase.step(run, "after").at("/output/done").asBoolean()).isTrue();
            assertThat(TestSteps.EXECUTIONS.get(flakyKey).get()).as("completed step not re-run").isEqualTo(1);
            assertThat(Files.exists(dataDir.resolve("weft.mv.db"))).isTrue();
        }
    }

    private ConfigurableApplicationContext startApp() {
        return new SpringApplicationBuilder(WeftApplication.class, TestSteps.class)
                .properties("server.port=0",
                        "weft.data-dir=" + dataDir,
                        "weft.bootstrap.app-id=restart-app",
                        "weft.bootstrap.api-key=" + KEY,
                        "weft.engine.poll-interval=PT0.1S",
                        "spring.jmx.enabled=false")
                .run();
    }

    private static Http client(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return new Http("http://127.0.0.1:" + port, KEY);
    }
}
