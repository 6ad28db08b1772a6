package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.weft.common.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/workflows/runs/{runId}/stream} and {@code GET /v1/workflows/runs/stream}: the
 * history, then live events, ending after the terminal one; resumable with Last-Event-ID; the
 * app's run status changes; the same 404 as the run view.
 */
abstract class EventStreamTest extends ApiTestBase {

    private static final String WAITING_RUN = """
            {"plan": {"steps": [
              {"id": "shape", "type": "transform", "input": {"v": 1}},
              {"id": "approval", "type": "wait_for_signal", "input": {"signal": "approval", "timeout": "PT1H"}},
              {"id": "after", "type": "transform", "input": {"ok": "{{ steps.approval.output.ok }}"}}]},
             "input": {}}""";

    private Map<String, String> auth() {
        return Map.of("X-API-Key", KEY);
    }

    @Test
    void aRunsStreamSendsItsHistoryThenLiveEventsAndEndsAfterTheTerminalOne() {
        String runId = start(WAITING_RUN);
        await().atMost(Duration.ofSeconds(30)).until(() -> step(http.get("/v1/workflows/runs/" + runId).json(), "approval")
                .get("status").asString().equals("waiting"));

        try (SseClient stream = new SseClient(base() + "/v1/workflows/runs/" + runId + "/stream", auth())) {
            await().atMost(Duration.ofSeconds(20)).until(() -> stream.types().contains("step.waiting"));
            assertThat(stream.status).isEqualTo(200);
            assertThat(stream.contentType).startsWith("text/event-stream");
            assertThat(stream.types()).startsWith("run.created").contains("step.succeeded").doesNotContain("run.completed");
            assertThat(stream.ended).isFalse();

            http.post("/v1/workflows/runs/" + runId + "/signals/approval", "{\"ok\": true}").expect(202);

            await().atMost(Duration.ofSeconds(20)).until(() -> stream.ended);
            assertThat(stream.types()).contains("signal.consumed").endsWith("run.completed");
            SseClient.Event last = stream.events.getLast();
            assertThat(Json.parse(last.data()).get("runId").asString()).isEqualTo(runId);
            assertThat(Long.parseLong(last.id())).isEqualTo(Json.parse(last.data()).get("id").asLong());
            assertThat(stream.events).extracting(e -> Long.parseLong(e.id())).isSorted().doesNotHaveDuplicates();

            long resumeAfter = Long.parseLong(stream.events.get(2).id());
            try (SseClient again = new SseClient(base() + "/v1/workflows/runs/" + runId + "/stream",
                    Map.of("X-API-Key", KEY, "Last-Event-ID", Long.toString(resumeAfter)))) {
                await().atMost(Duration.ofSeconds(20)).until(() -> again.ended);
                assertThat(again.events).as("only what came after Last-Event-ID")
                        .hasSize(stream.events.size() - 3)
                        .allSatisfy(e -> assertThat(Long.parseLong(e.id())).isGreaterThan(resumeAfter));
            }
        }
    }

    @Test
    void aStreamingTextStepSendsItsTextAsDeltasThatAreNotStored() {
        String runId = start("""
                {"plan": {"steps": [
                  {"id": "gate", "type": "wait_for_signal", "input": {"signal": "go", "timeout": "PT1H"}},
                  {"id": "write", "type": "text_generate",
                   "input": {"prompt": "Write about durable workflows and streaming", "stream": true}}]},
                 "input": {}}""");
        await().atMost(Duration.ofSeconds(30)).until(() -> step(http.get("/v1/workflows/runs/" + runId).json(), "gate")
                .get("status").asString().equals("waiting"));
        try (SseClient stream = new SseClient(base() + "/v1/workflows/runs/" + runId + "/stream", auth())) {
            await().atMost(Duration.ofSeconds(20)).until(() -> stream.types().contains("step.waiting"));
            http.post("/v1/workflows/runs/" + runId + "/signals/go", "{}").expect(202);
            await().atMost(Duration.ofSeconds(30)).until(() -> stream.ended);

            List<SseClient.Event> deltas = stream.events.stream().filter(e -> e.type().equals("step.delta")).toList();
            assertThat(deltas).isNotEmpty();
            assertThat(deltas).allSatisfy(d -> assertThat(d.id()).as("a delta carries no event id").isNull());
            StringBuilder streamed = new StringBuilder();
            deltas.forEach(d -> streamed.append(Json.parse(d.data()).get("text").asString()));
            assertThat(Json.parse(deltas.getFirst().data()).get("stepId").asString()).isEqualTo("write");

            JsonNode run = http.get("/v1/workflows/runs/" + runId).json();
            assertThat(streamed.toString()).isEqualTo(step(run, "write").get("output").get("text").asString());
            assertThat(stream.types().lastIndexOf("step.delta")).as("every delta comes before the step's end")
                    .isLessThan(stream.types().lastIndexOf("step.succeeded"));
            assertThat(deltas).extracting(d -> Json.parse(d.data()).get("seq").asLong()).isSorted().doesNotHaveDuplicates();
            JsonNode history = http.get("/v1/workflows/runs/" + runId + "/events?limit=1000").json().get("events");
            List<String> stored = new java.util.ArrayList<>();
            history.forEach(e -> stored.add(e.get("type").asString()));
            assertThat(stored).contains("step.succeeded").doesNotContain("step.delta");
        }
    }

    @Test
    void theAppsStreamSendsRunStatusChangesFilteredLive() {
        try (SseClient all = new SseClient(base() + "/v1/workflows/runs/stream", auth());
             SseClient completed = new SseClient(base() + "/v1/workflows/runs/stream?status=completed", auth())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> all.status == 200 && completed.status == 200);
            String runId = start("""
                    {"plan": {"steps": [{"id": "a", "type": "transform", "input": {"v": 1}}]}, "input": {}}""");

            await().atMost(Duration.ofSeconds(20)).until(() -> completed.events.stream()
                    .anyMatch(e -> Json.parse(e.data()).get("runId").asString().equals(runId)));
            await().atMost(Duration.ofSeconds(20)).until(() -> all.events.stream()
                    .filter(e -> Json.parse(e.data()).get("runId").asString().equals(runId)).count() >= 3);

            assertThat(all.events.stream().filter(e -> Json.parse(e.data()).get("runId").asString().equals(runId))
                    .map(SseClient.Event::type)).containsExactly("run.created", "run.started", "run.completed");
            assertThat(completed.events).allSatisfy(e -> assertThat(e.type()).isEqualTo("run.completed"));
            assertThat(Json.parse(completed.events.getLast().data()).get("status").asString()).isEqualTo("completed");
            assertThat(all.ended).as("an app stream stays open").isFalse();
        }
    }

    @Test
    void anotherAppsRunIsNotFoundAndAStreamOfAFinishedRunEndsAfterItsHistory() {
        String runId = start("""
                {"plan": {"steps": [{"id": "a", "type": "transform", "input": {"v": 1}}]}, "input": {}}""");
        awaitStatus(runId, "completed");

        try (SseClient foreign = new SseClient(base() + "/v1/workflows/runs/" + runId + "/stream",
                Map.of("X-API-Key", otherAppKey("stream-other")));
             SseClient finished = new SseClient(base() + "/v1/workflows/runs/" + runId + "/stream", auth())) {
            await().atMost(Duration.ofSeconds(20)).until(() -> foreign.ended && finished.ended);

            assertThat(foreign.status).isEqualTo(404);
            assertThat(finished.types()).startsWith("run.created").endsWith("run.completed");
        }
    }
}
