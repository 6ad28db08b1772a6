package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/workflows/run?dryRun=true}: the plan of a run, walked by the engine's own decider
 * with samples standing in for outputs; nothing stored, nothing run.
 */
abstract class DryRunTest extends ApiTestBase {

    private int runCount() {
        return http.get("/v1/workflows/runs?limit=200").expect(200).json().get("runs").size();
    }

    @Test
    void aStoredWorkflowIsPlannedInWavesWithInputsFromTheRunInputAndSamplesOfEarlierOutputs() {
        int before = runCount();

        JsonNode plan = http.post("/v1/workflows/run?dryRun=true", """
                {"workflowSlug": "image-generate-v1", "input": {"prompt": "a red fox"}}""").expect(200).json();

        assertThat(plan.get("dryRun").asBoolean()).isTrue();
        assertThat(plan.get("outcome").asString()).isEqualTo("completed");
        assertThat(plan.get("waves").toString()).isEqualTo("[[\"generate\"],[\"tags\",\"safety\"],[\"store\"]]");
        JsonNode generate = step(plan, "generate");
        assertThat(generate.get("input").toString()).isEqualTo("{\"prompt\":\"a red fox\",\"size\":\"1024x1024\"}");
        assertThat(generate.get("fromSamples").asBoolean()).isFalse();
        assertThat(generate.at("/settings/maxAttempts").asInt()).isEqualTo(3);
        JsonNode safety = step(plan, "safety");
        assertThat(safety.get("fromSamples").asBoolean()).isTrue();
        assertThat(safety.get("samplesFrom").toString()).isEqualTo("[\"generate\"]");
        assertThat(safety.at("/input/text").asString()).isEqualTo("a red fox");
        assertThat(step(plan, "store").at("/when/fromSamples").asBoolean()).isTrue();
        assertThat(plan.get("outputFromSamples").asBoolean()).isTrue();
        assertThat(runCount()).as("nothing was stored").isEqualTo(before);
    }

    @Test
    void conditionsOnTheInputAreDecidedFailingExpressionsAndRefusedInputsAreReported() {
        JsonNode plan = http.post("/v1/workflows/run?dryRun=true", """
                {"plan": {"steps": [
                   {"id": "greet", "type": "transform", "input": {"message": "hello {{ input.name }}"}},
                   {"id": "shout", "type": "transform", "dependsOn": ["greet"], "when": "input.loud",
                    "input": {"message": "{{ steps.greet.output.message.upperAscii() }}"}},
                   {"id": "wait", "type": "delay", "dependsOn": ["greet"], "input": {"duration": "{{ input.name }}"}},
                   {"id": "ratio", "type": "transform", "dependsOn": ["greet"], "input": {"r": "{{ 1 / input.zero }}"}}]},
                 "input": {"name": "Ada", "loud": false, "zero": 0}}""").expect(200).json();

        assertThat(step(plan, "greet").at("/input/message").asString()).isEqualTo("hello Ada");
        assertThat(step(plan, "shout").get("status").asString()).isEqualTo("would be skipped");
        assertThat(step(plan, "shout").get("reason").asString()).contains("condition was false");
        assertThat(step(plan, "wait").get("problems").get(0).asString()).startsWith("INVALID_STEP_INPUT: input.duration");
        assertThat(step(plan, "ratio").get("problems").get(0).asString()).contains("could not be evaluated");
    }

    @Test
    void aRequestThatARunWouldRefuseIsRefusedTheSameWay() {
        JsonNode problem = http.post("/v1/workflows/run?dryRun=true", """
                {"workflowSlug": "image-generate-v1", "input": {"size": "big"}}""").expectProblem(422);

        assertThat(problem.get("errors").findValuesAsString("field")).contains("input.prompt");
    }
}
