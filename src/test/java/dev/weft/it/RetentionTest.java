package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.artifacts.ArtifactStore;
import dev.weft.auth.AppDirectory;
import dev.weft.retention.Retention;
import dev.weft.retention.RetentionProperties;
import dev.weft.runs.RunCoordinator;
import dev.weft.vector.VectorIndex;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Retention on each backend: the purge deletes finished runs past their app's retention with their
 * steps, events, deliveries and artifacts, never an unfinished run; and an app can be deleted with
 * all its data. Time is moved by giving the purge a clock set days ahead, not by waiting.
 */
abstract class RetentionTest extends ApiTestBase {

    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate tx;
    @Autowired ArtifactStore artifacts;
    @Autowired AppDirectory apps;
    @Autowired RunCoordinator coordinator;
    @Autowired VectorIndex vectors;

    /** The service's retention as it would run {@code days} from now. */
    private Retention daysLater(int days) {
        RetentionProperties properties = new RetentionProperties(true, 30, Duration.ofMinutes(10), 2);
        return new Retention(jdbc, new dev.weft.retention.RunPurger(jdbc, tx, artifacts, properties.batchSize()), apps,
                coordinator, vectors, properties, Clock.offset(Clock.systemUTC(), Duration.ofDays(days)),
                new SimpleMeterRegistry());
    }

    private static final String IMAGE_PLAN = """
            {"plan": {"steps": [{"id": "img", "type": "image_generate", "input": {"prompt": "a lighthouse"}}]}}""";
    private static final String WAITING_PLAN = """
            {"plan": {"steps": [{"id": "wait", "type": "delay", "input": {"duration": "PT1H"}}]}}""";

    @Test
    void finishedRunsPastTheirAppsRetentionAreDeletedWithEverythingTheyOwnAndUnfinishedOnesAreKept() {
        String appId = "ret-" + System.nanoTime();
        http = new Http(base(), otherAppKey(appId));
        String done = start(IMAGE_PLAN);
        String alsoDone = start(IMAGE_PLAN);
        String artifact = step(awaitStatus(done, "completed"), "img").at("/output/image/artifactId").asString();
        awaitStatus(alsoDone, "completed");
        String waiting = start(WAITING_PLAN);
        awaitStatus(waiting, "running");
        http.get("/v1/artifacts/" + artifact).expect(200);

        int tooEarly = daysLater(29).purgeExpired();
        assertThat(http.get("/v1/workflows/runs/" + done).status()).as("29 days on, within 30").isEqualTo(200);

        daysLater(31).purgeExpired();

        http.get("/v1/workflows/runs/" + done).expectProblem(404);
        http.get("/v1/workflows/runs/" + alsoDone).expectProblem(404);
        http.get("/v1/workflows/runs/" + done + "/events").expectProblem(404);
        http.get("/v1/artifacts/" + artifact).expectProblem(404);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM run_events WHERE run_id IN (?, ?)").params(done, alsoDone)
                .query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM run_steps WHERE run_id IN (?, ?)").params(done, alsoDone)
                .query(Integer.class).single()).isZero();
        assertThat(http.get("/v1/workflows/runs/" + waiting).expect(200).json().get("status").asString())
                .as("an unfinished run is never purged").isEqualTo("running");
        assertThat(tooEarly).isZero();
        http.post("/v1/workflows/runs/" + waiting + "/cancel", "").expect(200);
    }

    @Test
    void anAppsOwnRetentionOverridesTheServerDefault() {
        String appId = "ret-own-" + System.nanoTime();
        http = new Http(base(), otherAppKey(appId));
        Http admin = http.as(null).asAdmin("it-admin-token");
        JsonNode set = admin.put("/admin/apps/" + appId + "/retention", "{\"days\": 60}").expect(200).json();
        String runId = start(IMAGE_PLAN);
        awaitStatus(runId, "completed");

        daysLater(31).purgeExpired();
        assertThat(http.get("/v1/workflows/runs/" + runId).status()).isEqualTo(200);
        daysLater(61).purgeExpired();

        assertThat(set.get("days").asInt()).isEqualTo(60);
        assertThat(set.get("effectiveDays").asInt()).isEqualTo(60);
        http.get("/v1/workflows/runs/" + runId).expectProblem(404);
        JsonNode invalid = admin.put("/admin/apps/" + appId + "/retention", "{\"days\": 0}").expectProblem(422);
        assertThat(invalid.at("/errors/0/field").asString()).isEqualTo("days");
        assertThat(admin.put("/admin/apps/" + appId + "/retention", "{\"days\": null}").expect(200).json()
                .get("effectiveDays").asInt()).isEqualTo(30);
    }

    @Test
    void deletingAnAppRevokesItsKeysCancelsItsRunsAndRemovesAllItsData() {
        String appId = "ret-del-" + System.nanoTime();
        String key = otherAppKey(appId);
        http = new Http(base(), key);
        Http admin = http.as(null).asAdmin("it-admin-token");
        String done = start(IMAGE_PLAN);
        awaitStatus(done, "completed");
        String waiting = start(WAITING_PLAN);
        awaitStatus(waiting, "running");
        http.post("/v1/workflows", "{\"slug\": \"doomed\", \"steps\": [{\"id\": \"a\", \"type\": \"transform\"}]}").expect(201);
        http.put("/v1/collections/doomed/documents/d1", "{\"embedding\": [1, 0]}").expect(200);
        http.get("/v1/webhooks/secret").expect(200);

        admin.delete("/admin/apps/" + appId).expect(204);

        http.get("/v1/workflows/runs").expectProblem(401);
        assertThat(admin.get("/admin/apps").expect(200).json().get("apps").findValuesAsString("id")).doesNotContain(appId);
        for (String table : java.util.List.of("runs", "workflow_definitions", "vector_documents", "webhook_secrets",
                "artifacts", "api_keys")) {
            assertThat(jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE app_id = ?").param(appId).query(Integer.class)
                    .single()).as(table).isZero();
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM run_steps WHERE run_id IN (?, ?)").params(done, waiting)
                .query(Integer.class).single()).isZero();
        admin.delete("/admin/apps/" + appId).expectProblem(404);
    }
}
