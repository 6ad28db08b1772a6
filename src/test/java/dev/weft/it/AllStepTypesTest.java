package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.weft.common.Json;
import dev.weft.signing.StandardWebhooks;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** One plan with all eight step types, a signed step webhook and a signed completion webhook. */
abstract class AllStepTypesTest extends ApiTestBase {

    @Test
    void aPlanUsingEveryStepTypeCompletesAndBothWebhooksArriveSigned() {
        try (LocalReceiver receiver = new LocalReceiver()) {
            String runId = start("""
                    {"webhookUrl": "%s", "input": {"prompt": "a calm blue lake at dawn"}, "plan": {"steps": [
                      {"id": "gen", "type": "image_generate", "input": {"prompt": "{{ input.prompt }}", "size": "64x48"}},
                      {"id": "describe", "type": "enrich_image", "input": {"image": "{{ steps.gen.output.image }}"}},
                      {"id": "moderate", "type": "moderate_content", "dependsOn": ["gen"],
                       "input": {"text": "{{ input.prompt }}", "image": "{{ steps.gen.output.image }}"}},
                      {"id": "write", "type": "text_generate", "dependsOn": [], "input": {"prompt": "{{ input.prompt }}"}},
                      {"id": "enrich", "type": "enrich_text", "input": {"text": "{{ steps.write.output.text }}"}},
                      {"id": "store", "type": "store_results", "dependsOn": ["describe", "moderate", "enrich"],
                       "input": {"data": {"caption": "{{ steps.describe.output.caption }}"},
                                 "index": {"collection": "e2e", "text": "{{ steps.write.output.text }}"}}},
                      {"id": "search", "type": "search_similar", "dependsOn": ["store"],
                       "input": {"collection": "e2e", "query": "{{ input.prompt }}", "topK": 1}},
                      {"id": "notify", "type": "emit_webhook", "dependsOn": ["search"],
                       "input": {"url": "%s", "event": "lake.ready",
                                 "payload": {"width": "{{ steps.describe.output.width }}", "top": "{{ steps.search.output.matches[0].id }}"}}}]}}"""
                    .formatted(receiver.url("/run-finished"), receiver.url("/step")));

            JsonNode run = awaitStatus(runId, "completed");

            assertThat(run.get("steps")).allSatisfy(s -> assertThat(s.get("status").asString()).isEqualTo("succeeded"));
            assertThat(run.get("steps").findValuesAsString("type")).containsExactlyInAnyOrder("image_generate", "enrich_image",
                    "moderate_content", "text_generate", "enrich_text", "store_results", "search_similar", "emit_webhook");
            assertThat(step(run, "describe").at("/output/width").asInt()).isEqualTo(64);
            assertThat(step(run, "describe").at("/output/height").asInt()).isEqualTo(48);
            assertThat(step(run, "enrich").at("/output/embedding/dimensions").asInt()).isEqualTo(384);
            assertThat(step(run, "search").at("/output/matches/0/id").asString()).isEqualTo(runId + ":store");

            String secret = http.get("/v1/webhooks/secret").expect(200).json().get("secret").asString();
            LocalReceiver.Request stepCall = receiver.at("/step").getFirst();
            assertThat(StandardWebhooks.verify(secret, stepCall.headers(), stepCall.body(), Instant.now().getEpochSecond(), 300))
                    .isTrue();
            assertThat(Json.parse(stepCall.body()).at("/data/width").asInt()).isEqualTo(64);

            await().atMost(Duration.ofSeconds(20)).until(() -> !receiver.at("/run-finished").isEmpty());
            LocalReceiver.Request finished = receiver.at("/run-finished").getFirst();
            assertThat(StandardWebhooks.verify(secret, finished.headers(), finished.body(), Instant.now().getEpochSecond(), 300))
                    .isTrue();
            assertThat(StandardWebhooks.verify(secret, finished.headers(), finished.body().replace("completed", "failed"),
                    Instant.now().getEpochSecond(), 300)).isFalse();
            JsonNode payload = Json.parse(finished.body());
            assertThat(payload.get("type").asString()).isEqualTo("run.completed");
            assertThat(payload.at("/data/runId").asString()).isEqualTo(runId);
            JsonNode deliveries = http.get("/v1/webhooks/deliveries?runId=" + runId).expect(200).json();
            assertThat(deliveries.toString()).contains("delivered");
        }
    }

    @Test
    void aFailedRunIsReportedToTheRunsWebhook() {
        try (LocalReceiver receiver = new LocalReceiver()) {
            String runId = start("""
                    {"webhookUrl": "%s", "plan": {"steps": [{"id": "bad", "type": "enrich_image", "retry": {"maxAttempts": 1},
                      "input": {"image": "data:image/png;base64,bm90IGFuIGltYWdl"}}]}}""".formatted(receiver.url("/hook")));

            JsonNode run = awaitStatus(runId, "failed");

            assertThat(step(run, "bad").at("/error/code").asString()).isNotBlank();
            await().atMost(Duration.ofSeconds(20)).until(() -> !receiver.at("/hook").isEmpty());
            JsonNode payload = Json.parse(receiver.at("/hook").getFirst().body());
            assertThat(payload.get("type").asString()).isEqualTo("run.failed");
            assertThat(payload.at("/data/error/message").asString()).contains("step 'bad' failed");
        }
    }
}
