package dev.weft.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.weft.it.Http;
import dev.weft.testsupport.ChildJvm;
import dev.weft.testsupport.ThrowawayPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The whole PostgreSQL server restarted under a Weft process in the middle of 100 runs, each of
 * which calls a webhook: the calls are held open so that every run's step is mid-call when the
 * server stops, and finish while it is down, so every result is reported while the database is
 * gone. The service keeps answering (503 with Retry-After, health DOWN), reconnects when the
 * server is back, and every run completes with its call made once: no report failure costs a
 * step its lease and a second call. A throwaway server of the test's own (initdb, pg_ctl).
 */
class PostgresRestartTest {

    private static final String KEY = "wk_postgres_restart_key_000000000001";
    private static final int RUNS = 100;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // keeps the service's log of a failed run
    Path dir;

    @Test
    void theServiceAnswers503WhileTheServerRestartsThenEveryRunCompletesWithItsCallMadeOnce() throws Exception {
        try (ThrowawayPostgres postgres = ThrowawayPostgres.start(); WebhookReceiver receiver = new WebhookReceiver()) {
            int port = ChildJvm.freePort();
            try (ChildJvm weft = ChildJvm.start("dev.weft.WeftApplication", List.of("-Xmx512m", "-XX:TieredStopAtLevel=1"),
                    List.of("--spring.datasource.url=" + postgres.url(), "--spring.datasource.username=" + postgres.user(),
                            "--spring.datasource.password=", "--server.port=" + port,
                            "--weft.data-dir=" + dir.resolve("data"), "--weft.bootstrap.app-id=restart",
                            "--weft.bootstrap.api-key=" + KEY, "--weft.outbound.allow-hosts=127.0.0.1",
                            "--weft.engine.poll-interval=PT0.2S", "--weft.providers.warm-up=false",
                            "--spring.datasource.hikari.connection-timeout=2000"),
                    dir.resolve("weft.log"), false)) {
                Http anonymous = new Http("http://127.0.0.1:" + port, null);
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300)).ignoreExceptions()
                        .until(() -> anonymous.get("/actuator/health").status() == 200);
                Http http = anonymous.as(KEY);
                receiver.holdFirstUnder("/restart/");
                List<String> runs = new ArrayList<>();
                for (int i = 0; i < RUNS; i++) {
                    runs.add(http.post("/v1/workflows/run", plan(receiver.url("/restart/" + i))).expect(202).json()
                            .get("runId").asString());
                }
                await().atMost(Duration.ofSeconds(60)).until(() -> receiver.pathsUnder("/restart/") == RUNS);

                postgres.stopServer();
                receiver.release("/restart/"); // every call ends, and its result must be reported, now
                Http.Response health = anonymous.get("/actuator/health");
                Http.Response read = http.get("/v1/workflows/runs/" + runs.getFirst());
                String key = "during-the-restart";
                Http.Response submitted = http.post("/v1/workflows/run", plan(receiver.url("/restart/late")),
                        Map.of("Idempotency-Key", key));
                postgres.startServer();

                assertThat(health.status()).as(health.body()).isEqualTo(503);
                assertThat(health.json().at("/components/db/status").asString()).isEqualTo("DOWN");
                for (Http.Response down : List.of(read, submitted)) {
                    assertThat(down.status()).as(down.body()).isEqualTo(503);
                    assertThat(down.header("Retry-After")).isNotBlank();
                    assertThat(down.json().get("type").asString()).endsWith("/service-unavailable");
                }
                String late = await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> http
                        .post("/v1/workflows/run", plan(receiver.url("/restart/late")), Map.of("Idempotency-Key", key))
                        .expect(202).json().get("runId").asString(), id -> true);
                runs.add(late);
                for (String runId : runs) {
                    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                            .until(() -> http.get("/v1/workflows/runs/" + runId).json().get("status").asString(),
                                    "completed"::equals);
                }
                assertThat(anonymous.get("/actuator/health").json().get("status").asString()).isEqualTo("UP");
                int repeated = 0;
                for (int i = 0; i < RUNS; i++) {
                    List<String> ids = receiver.ids("/restart/" + i);
                    assertThat(ids).as("run %d's call", i).isNotEmpty().allMatch(id -> id.equals(ids.getFirst()));
                    repeated += ids.size() - 1;
                }
                System.out.println("PostgresRestartTest: calls repeated after the restart: " + repeated + " of " + RUNS);
                assertThat(repeated).as("calls made again because a result could not be reported").isZero();
                assertThat(receiver.ids("/restart/late")).hasSize(1);
                JsonNode lateRun = http.get("/v1/workflows/runs/" + late).expect(200).json();
                assertThat(lateRun.get("status").asString()).isEqualTo("completed");
            }
        }
    }

    private static String plan(String hook) {
        return """
                {"plan": {"steps": [
                  {"id": "prepare", "type": "transform", "input": {"n": 1}},
                  {"id": "notify", "type": "emit_webhook", "input": {"url": "%s", "payload": {"n": 1}}},
                  {"id": "finish", "type": "transform", "input": {"done": true}}]}}""".formatted(hook);
    }
}
