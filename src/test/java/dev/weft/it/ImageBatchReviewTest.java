package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The built-in {@code image-batch-review-v1} on each backend: fan-out, a signal only when needed, a
 * join after a skipped step, fan-out again over what was approved.
 */
abstract class ImageBatchReviewTest extends ApiTestBase {

    @Test
    void aFlaggedImageWaitsForApprovalAndOnlyTheApprovedOnesAreStored() {
        String runId = http.post("/v1/workflows/run", """
                {"workflowSlug": "image-batch-review-v1", "input": {"size": "64x64",
                 "prompts": ["a red bicycle", "I will kill you tomorrow.", "a quiet lake", "I will kill you at dawn."]}}""")
                .expect(202).json().get("runId").asString();
        JsonNode waiting = await().atMost(Duration.ofSeconds(60)).until(
                () -> http.get("/v1/workflows/runs/" + runId).expect(200).json(),
                run -> step(run, "approval").get("status").asString().equals("waiting"));

        http.post("/v1/workflows/runs/" + runId + "/signals/approval", "{\"approve\": [3]}").expect(202);
        JsonNode done = awaitStatus(runId, "completed");

        assertThat(waiting.get("status").asString()).isEqualTo("running");
        assertThat(step(waiting, "generate").get("itemCounts").toString()).isEqualTo("{\"succeeded\":4}");
        assertThat(done.at("/output/flagged").toString()).isEqualTo("[1,3]");
        assertThat(done.at("/output/stored").toString()).as("unflagged, and the flagged one approved").isEqualTo("[0,2,3]");
        assertThat(done.at("/output/artifacts")).hasSize(3).allSatisfy(a -> assertThat(a.get("artifactId").isString()).isTrue());
        assertThat(step(done, "store").get("items")).hasSize(3);
        assertThat(step(done, "notify").get("status").asString()).as("no callbackUrl").isEqualTo("skipped");
    }

    @Test
    void aBatchWithNothingFlaggedRunsThroughWithoutWaitingAndNotifiesTheCallback() {
        try (LocalReceiver receiver = new LocalReceiver()) {
            String runId = http.post("/v1/workflows/run", """
                    {"workflowSlug": "image-batch-review-v1", "input": {"size": "64x64", "callbackUrl": "%s",
                     "prompts": ["a red bicycle", "a quiet lake"]}}""".formatted(receiver.url("/batch")))
                    .expect(202).json().get("runId").asString();

            JsonNode done = awaitStatus(runId, "completed");

            assertThat(step(done, "approval").get("status").asString()).isEqualTo("skipped");
            assertThat(step(done, "approved").get("status").asString()).as("ifSkipped: run").isEqualTo("succeeded");
            assertThat(done.at("/output/stored").toString()).isEqualTo("[0,1]");
            assertThat(receiver.at("/batch")).singleElement().satisfies(r ->
                    assertThat(r.body()).contains("\"type\":\"image_batch.reviewed\"", "\"stored\":[0,1]"));
        }
    }
}
