package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.runs.RunCoordinator;
import dev.weft.runs.RunService;
import dev.weft.schedules.ScheduleStore;
import dev.weft.schedules.Schedules;
import dev.weft.store.RunStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Schedules on each backend: the API, and firing with the clock set by the test (a yearly cron
 * that the service's own loop, on the real clock, will not reach): one run per fire time however
 * many processes race, only the latest fire time after downtime, and the overlap policies.
 */
abstract class SchedulesTest extends ApiTestBase {

    @Autowired JdbcClient jdbc;
    @Autowired RunService runs;
    @Autowired RunStore runStore;
    @Autowired RunCoordinator coordinator;
    @Autowired TransactionTemplate tx;

    private static final Instant NEW_YEAR = Instant.parse("2031-01-01T00:00:00Z");

    /** Schedules left enabled would fire in the next test's clock; each test starts without any. */
    @org.junit.jupiter.api.AfterEach
    void deleteSchedules() {
        for (JsonNode s : http.get("/v1/schedules").expect(200).json().get("schedules")) {
            http.delete("/v1/schedules/" + s.get("id").asString()).expect(204);
        }
    }

    /** The schedules service as a process whose clock reads {@code at} would run it. */
    private Schedules processAt(Instant at) {
        return new Schedules(new ScheduleStore(jdbc), runs, runStore, coordinator, tx, Clock.fixed(at, ZoneOffset.UTC),
                new SimpleMeterRegistry());
    }

    private String yearly(String overlap) {
        http.post("/v1/workflows", """
                {"slug": "nightly", "steps": [{"id": "wait", "type": "delay", "input": {"duration": "PT1H"}}]}""");
        return http.post("/v1/schedules", """
                {"workflowSlug": "nightly", "cron": "0 0 0 1 1 *", "timezone": "UTC", "overlap": "%s", "input": {"n": 1}}"""
                .formatted(overlap)).expect(201).json().get("id").asString();
    }

    private List<JsonNode> runsOf(String scheduleId) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode r : http.get("/v1/workflows/runs?limit=200").expect(200).json().get("runs")) {
            JsonNode full = http.get("/v1/workflows/runs/" + r.get("runId").asString()).expect(200).json();
            if (scheduleId.equals(full.path("scheduleId").asString(null))) {
                found.add(full);
            }
        }
        return found;
    }

    @Test
    void aScheduleShowsItsNextFireTimesInItsTimeZoneAndCanBeTriggeredByHand() {
        http.post("/v1/workflows", "{\"slug\": \"report\", \"steps\": [{\"id\": \"a\", \"type\": \"transform\"}]}");

        JsonNode created = http.post("/v1/schedules", """
                {"workflowSlug": "report", "cron": "0 9 * * MON-FRI", "timezone": "Europe/Paris", "input": {"k": 1}}""")
                .expect(201).json();
        String id = created.get("id").asString();
        JsonNode triggered = http.post("/v1/schedules/" + id + "/trigger", "").expect(202).json();
        JsonNode run = awaitStatus(triggered.get("runId").asString(), "completed");

        assertThat(created.get("overlap").asString()).isEqualTo("skip");
        assertThat(created.get("nextFireTimes")).hasSize(5);
        for (JsonNode t : created.get("nextFireTimes")) {
            var local = Instant.parse(t.asString()).atZone(ZoneId.of("Europe/Paris"));
            assertThat(local.toLocalTime()).isEqualTo(LocalTime.of(9, 0));
            assertThat(local.getDayOfWeek().getValue()).isBetween(1, 5);
        }
        assertThat(run.get("scheduleId").asString()).isEqualTo(id);
        assertThat(run.at("/input/k").asInt()).isEqualTo(1);
        assertThat(http.get("/v1/schedules/" + id).expect(200).json().get("lastRunId").asString())
                .isEqualTo(triggered.get("runId").asString());
        JsonNode disabled = http.patch("/v1/schedules/" + id, "{\"enabled\": false}").expect(200).json();
        assertThat(disabled.get("nextFireTimes")).isEmpty();
        http.as(otherAppKey("schedules-other-" + System.nanoTime())).get("/v1/schedules/" + id).expectProblem(404);
        http.delete("/v1/schedules/" + id).expect(204);
        http.get("/v1/schedules/" + id).expectProblem(404);
    }

    @Test
    void invalidCronsTimeZonesInputsAndFieldsAreRefusedNamingTheField() {
        http.post("/v1/workflows", """
                {"slug": "typed", "inputSchema": {"type": "object", "required": ["n"]},
                 "steps": [{"id": "a", "type": "transform"}]}""");

        JsonNode sevenFields = http.post("/v1/schedules", """
                {"workflowSlug": "typed", "cron": "0 0 9 * * MON 2030", "input": {"n": 1}}""").expectProblem(422);
        JsonNode zone = http.post("/v1/schedules", """
                {"workflowSlug": "typed", "cron": "0 9 * * *", "timezone": "Mars/Olympus", "input": {"n": 1}}""")
                .expectProblem(422);
        JsonNode input = http.post("/v1/schedules", """
                {"workflowSlug": "typed", "cron": "0 9 * * *"}""").expectProblem(422);
        JsonNode missing = http.post("/v1/schedules", """
                {"workflowSlug": "no-such-flow", "cron": "0 9 * * *"}""").expectProblem(404);
        JsonNode overlap = http.post("/v1/schedules", """
                {"workflowSlug": "typed", "cron": "0 9 * * *", "input": {"n": 1}, "overlap": "queue"}""").expectProblem(422);

        assertThat(sevenFields.at("/errors/0/field").asString()).isEqualTo("cron");
        assertThat(zone.at("/errors/0/field").asString()).isEqualTo("timezone");
        assertThat(input.at("/errors/0/field").asString()).isEqualTo("input.n");
        assertThat(missing.at("/errors/0/field").asString()).isEqualTo("workflowSlug");
        assertThat(overlap.at("/errors/0/field").asString()).isEqualTo("overlap");
        // a PATCH is checked as strictly as a create
        String id = http.post("/v1/schedules", """
                {"workflowSlug": "typed", "cron": "0 9 * * *", "input": {"n": 1}}""").expect(201).json().get("id").asString();
        assertThat(http.patch("/v1/schedules/" + id, "{\"cron\": \"0 0 9 * * MON 2030\"}").expectProblem(422)
                .at("/errors/0/field").asString()).isEqualTo("cron");
        assertThat(http.patch("/v1/schedules/" + id, "{\"timezone\": \"Mars/Olympus\"}").expectProblem(422)
                .at("/errors/0/field").asString()).isEqualTo("timezone");
        assertThat(http.patch("/v1/schedules/" + id, "{\"workflowVersion\": 0}").expectProblem(422)
                .at("/errors/0/field").asString()).isEqualTo("workflowVersion");
        assertThat(http.patch("/v1/schedules/" + id, "{\"nextRun\": \"soon\"}").expectProblem(422)
                .at("/errors/0/field").asString()).isEqualTo("nextRun");
    }

    @Test
    void workflowVersionNamesThePinnedVersionWithVersionAsItsDeprecatedAlias() {
        http.post("/v1/workflows", "{\"slug\": \"pinned\", \"steps\": [{\"id\": \"a\", \"type\": \"transform\"}]}");
        http.post("/v1/workflows", "{\"slug\": \"pinned\", \"steps\": [{\"id\": \"b\", \"type\": \"transform\"}]}");

        JsonNode pinned = http.post("/v1/schedules", """
                {"workflowSlug": "pinned", "workflowVersion": 1, "cron": "0 9 * * *"}""").expect(201).json();
        JsonNode byAlias = http.post("/v1/schedules", """
                {"workflowSlug": "pinned", "version": 2, "cron": "0 9 * * *"}""").expect(201).json();
        JsonNode disagreeing = http.post("/v1/schedules", """
                {"workflowSlug": "pinned", "workflowVersion": 1, "version": 2, "cron": "0 9 * * *"}""").expectProblem(422);
        JsonNode changed = http.patch("/v1/schedules/" + pinned.get("id").asString(), "{\"workflowVersion\": 2}")
                .expect(200).json();

        assertThat(pinned.get("workflowVersion").asInt()).isEqualTo(1);
        assertThat(pinned.get("version").asInt()).as("the deprecated name still answers").isEqualTo(1);
        assertThat(byAlias.get("workflowVersion").asInt()).isEqualTo(2);
        assertThat(disagreeing.at("/errors/0/field").asString()).isEqualTo("workflowVersion");
        assertThat(changed.get("workflowVersion").asInt()).isEqualTo(2);
    }

    @Test
    void processesRacingForAFireTimeStartExactlyOneRun() throws Exception {
        String id = yearly("allow");
        List<Callable<Integer>> processes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Schedules process = processAt(NEW_YEAR.plusSeconds(1));
            processes.add(() -> process.fireDue(NEW_YEAR.plusSeconds(1)));
        }
        ExecutorService threads = Executors.newFixedThreadPool(4);
        int started = 0;
        try {
            for (Future<Integer> f : threads.invokeAll(processes)) {
                started += f.get();
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(started).isEqualTo(1);
        assertThat(runsOf(id)).hasSize(1);
        http.post("/v1/workflows/runs/" + runsOf(id).getFirst().get("runId").asString() + "/cancel", "").expect(200);
    }

    @Test
    void afterDowntimeOnlyTheLatestMissedFireTimeRunsAndOverlapSkipWaitsForThePreviousRun() {
        String id = yearly("skip");
        Instant threeYearsLate = Instant.parse("2033-06-01T00:00:00Z");

        processAt(threeYearsLate).fireDue(threeYearsLate);
        List<JsonNode> started = runsOf(id);
        processAt(Instant.parse("2034-01-01T00:00:05Z")).fireDue(Instant.parse("2034-01-01T00:00:05Z"));

        assertThat(started).as("one run for the missed fire times").hasSize(1);
        assertThat(runsOf(id)).as("the previous run is still going: skipped").hasSize(1);
        JsonNode schedule = http.get("/v1/schedules/" + id).expect(200).json();
        assertThat(schedule.get("lastFireAt").asString()).isEqualTo("2034-01-01T00:00:00Z");
        assertThat(schedule.get("lastError").asString()).contains("skipped");
        http.post("/v1/workflows/runs/" + started.getFirst().get("runId").asString() + "/cancel", "").expect(200);
    }

    @Test
    void overlapCancelPreviousCancelsTheRunStillGoingAndStartsTheNext() {
        String id = yearly("cancel_previous");
        processAt(NEW_YEAR).fireDue(NEW_YEAR);
        String firstRun = runsOf(id).getFirst().get("runId").asString();

        processAt(NEW_YEAR.plusSeconds(366L * 24 * 3600)).fireDue(NEW_YEAR.plusSeconds(366L * 24 * 3600));

        assertThat(http.get("/v1/workflows/runs/" + firstRun).expect(200).json().get("status").asString())
                .isEqualTo("cancelled");
        List<JsonNode> all = runsOf(id);
        assertThat(all).hasSize(2);
        all.stream().filter(r -> !r.get("runId").asString().equals(firstRun)).forEach(r ->
                http.post("/v1/workflows/runs/" + r.get("runId").asString() + "/cancel", "").expect(200));
    }
}
