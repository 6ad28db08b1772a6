package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.common.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Outputs above {@code weft.artifacts.inline-output-limit} (256 KiB by default) live in artifacts, not in runs. */
abstract class LargeOutputsTest extends ApiTestBase {

    private static final int TEXT_LENGTH = 300_000;

    @Test
    void aLargeOutputIsStoredAsAnArtifactAndResolvedForTheStepThatReadsIt() {
        String text = "abcdefghij".repeat(TEXT_LENGTH / 10);
        String runId = start("""
                {"input": {"text": "%s"}, "plan": {"steps": [
                  {"id": "big", "type": "transform", "input": {"blob": "{{ input.text }}", "kind": "large"}},
                  {"id": "small", "type": "transform", "input": {"kind": "small"}},
                  {"id": "read", "type": "transform", "dependsOn": ["big", "small"],
                   "input": {"length": "{{ size(steps.big.output.blob) }}", "same": "{{ steps.big.output.blob == input.text }}",
                             "kind": "{{ steps.big.output.kind }}", "other": "{{ steps.small.output.kind }}"}}]}}"""
                .formatted(text));

        JsonNode run = awaitStatus(runId, "completed");

        JsonNode reference = step(run, "big").get("output").get("$artifact");
        assertThat(step(run, "big").get("output").size()).as("the run holds only the reference").isEqualTo(1);
        assertThat(reference.get("contentType").asString()).isEqualTo("application/json");
        assertThat(reference.get("sizeBytes").asLong()).isGreaterThan(256 * 1024);
        assertThat(reference.get("sha256").asString()).hasSize(64);
        assertThat(reference.get("url").asString()).isEqualTo(base() + "/v1/artifacts/" + reference.get("artifactId").asString() + "/content");

        JsonNode stored = Json.parse(http.get(reference.get("url").asString()).expect(200).body());
        assertThat(stored.get("blob").asString()).isEqualTo(text);
        assertThat(stored.get("kind").asString()).isEqualTo("large");

        JsonNode read = step(run, "read").get("output");
        assertThat(read.get("length").asInt()).isEqualTo(TEXT_LENGTH);
        assertThat(read.get("same").asBoolean()).isTrue();
        assertThat(read.get("kind").asString()).isEqualTo("large");
        assertThat(read.get("other").asString()).isEqualTo("small");
        assertThat(step(run, "small").get("output").get("kind").asString()).isEqualTo("small");
    }

    @Test
    void aStepCopyingALargeOutputGetsItsOwnArtifactAndItsRecordedInputIsAReferenceToo() {
        String runId = start("""
                {"input": {"text": "%s"}, "plan": {"steps": [
                  {"id": "big", "type": "transform", "input": {"blob": "{{ input.text }}"}},
                  {"id": "copy", "type": "transform", "input": {"again": "{{ steps.big.output }}"}}]}}"""
                .formatted("x".repeat(TEXT_LENGTH)));

        JsonNode run = awaitStatus(runId, "completed");

        JsonNode copy = step(run, "copy");
        String bigArtifact = step(run, "big").at("/output/$artifact/artifactId").asString();
        String copyArtifact = copy.at("/output/$artifact/artifactId").asString();
        assertThat(copyArtifact).isNotBlank().isNotEqualTo(bigArtifact);
        JsonNode copied = Json.parse(http.get("/v1/artifacts/" + copyArtifact + "/content").expect(200).body());
        assertThat(copied.at("/again/blob").asString()).hasSize(TEXT_LENGTH);
        if (copy.has("input")) {
            assertThat(copy.get("input").has("$artifact")).as("recorded input: %s", copy.get("input").toString().length())
                    .isTrue();
        }
        // both steps' recorded inputs and both outputs
        assertThat(http.get("/v1/artifacts?runId=" + runId).expect(200).json().get("artifacts")).hasSize(4);
    }
}
