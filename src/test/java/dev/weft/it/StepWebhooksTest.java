package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.weft.common.Json;
import dev.weft.signing.StandardWebhooks;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Webhook subscriptions opt into step-level events; signed like run events; a subscription that did not opt in gets none. */
abstract class StepWebhooksTest extends ApiTestBase {

    @Test
    void aSubscriptionOptedIntoStepEventsGetsThemSignedAndOthersDoNot() {
        Http app = http.as(otherAppKey("step-hooks-" + System.nanoTime() % 100000));
        try (LocalReceiver receiver = new LocalReceiver()) {
            app.post("/v1/webhooks/subscriptions", """
                    {"url": "%s", "events": ["step.failed", "step.waiting"]}""".formatted(receiver.url("/steps"))).expect(201);
            JsonNode runOnly = app.post("/v1/webhooks/subscriptions", """
                    {"url": "%s"}""".formatted(receiver.url("/runs"))).expect(201).json();
            assertThat(runOnly.get("events").toString()).as("run events unless step events are asked for")
                    .isEqualTo("[\"run.completed\",\"run.failed\",\"run.cancelled\"]");

            String waiting = app.post("/v1/workflows/run", """
                    {"plan": {"steps": [{"id": "approval", "type": "wait_for_signal", "input": {"signal": "go"}}]}, "input": {}}""")
                    .expect(202).json().get("runId").asString();
            String failing = app.post("/v1/workflows/run", """
                    {"plan": {"steps": [{"id": "shape", "type": "transform", "input": {"n": 1}},
                      {"id": "write", "type": "text_generate", "input": {"prompt": "{{ steps.shape.output.n }}"}}]}, "input": {}}""")
                    .expect(202).json().get("runId").asString();

            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.at("/steps").size() >= 2);
            app.post("/v1/workflows/runs/" + waiting + "/signals/go", "{}").expect(202);
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.at("/runs").size() >= 2);

            List<JsonNode> stepEvents = receiver.at("/steps").stream().map(r -> Json.parse(r.body())).toList();
            assertThat(stepEvents).extracting(e -> e.get("type").asString() + " " + e.at("/data/step/id").asString()
                    + " " + e.at("/data/runId").asString())
                    .containsExactlyInAnyOrder("step.waiting approval " + waiting, "step.failed write " + failing);
            assertThat(stepEvents).filteredOn(e -> e.get("type").asString().equals("step.failed")).singleElement()
                    .satisfies(e -> assertThat(e.at("/data/step/error/code").asString()).isEqualTo("INVALID_STEP_INPUT"));
            String secret = app.get("/v1/webhooks/secret").expect(200).json().get("secret").asString();
            for (LocalReceiver.Request r : receiver.at("/steps")) {
                assertThat(StandardWebhooks.verify(secret, r.headers(), r.body(), Instant.now().getEpochSecond(), 300)).isTrue();
            }
            assertThat(receiver.at("/runs")).extracting(r -> Json.parse(r.body()).get("type").asString())
                    .containsExactlyInAnyOrder("run.completed", "run.failed");
            JsonNode unknown = app.post("/v1/webhooks/subscriptions", """
                    {"url": "%s", "events": ["step.exploded"]}""".formatted(receiver.url("/x"))).expectProblem(422);
            assertThat(unknown.at("/errors/0/message").asString()).contains("step.waiting");
        }
    }
}
