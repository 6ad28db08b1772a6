package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code POST /v1/workflows/run/batch}: one result per item, in order; a bad item refuses only itself. */
abstract class BatchSubmissionTest extends ApiTestBase {

    private static final String PLAN = "{\"steps\": [{\"id\": \"a\", \"type\": \"transform\", \"input\": {\"n\": \"{{ input.n }}\"}}]}";

    @Test
    void eachItemIsAcceptedOrRefusedOnItsOwnAndTheAcceptedRunsComplete() {
        String key = "batch-" + System.nanoTime();
        JsonNode answer = http.post("/v1/workflows/run/batch", """
                {"runs": [
                  {"plan": %s, "input": {"n": 1}},
                  {"workflowSlug": "image-generat-v1", "input": {"prompt": "x"}},
                  {"plan": %s, "input": {"n": 2}, "idempotencyKey": "%s"},
                  {"plan": %s, "input": {"n": 3}, "priority": 12},
                  {"plan": %s, "input": {"n": 2}, "idempotencyKey": "%s"},
                  {"plan": %s, "input": {"n": 4}, "idempotencyKey": "%s"},
                  {"plan": {"steps": [{"id": "a", "type": "transform", "input": {"v": 1}},
                    {"id": "b", "type": "transform", "input": {"x": "{{ steps.a.output.w }}"}}]}, "input": {}}
                ]}""".formatted(PLAN, PLAN, key, PLAN, PLAN, key, PLAN, key)).expect(200).json();

        JsonNode results = answer.get("results");
        assertThat(results).hasSize(7);
        assertThat(results).extracting(r -> r.get("index").asInt()).containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThat(results).extracting(r -> r.get("status").asInt()).containsExactly(202, 404, 202, 422, 202, 409, 422);
        assertThat(answer.get("accepted").asInt()).isEqualTo(3);
        assertThat(answer.get("refused").asInt()).isEqualTo(4);
        assertThat(results.get(1).at("/problem/detail").asString()).contains("did you mean 'image-generate-v1'?");
        assertThat(results.get(3).at("/problem/errors/0/field").asString()).isEqualTo("priority");
        assertThat(results.get(4).get("runId").asString()).as("the same key and body in one batch: a replay")
                .isEqualTo(results.get(2).get("runId").asString());
        assertThat(results.get(4).get("idempotentReplay").asBoolean()).isTrue();
        assertThat(results.get(6).at("/problem/errors/0/code").asString()).isEqualTo("UNKNOWN_EXPRESSION_FIELD");
        for (int i : new int[] {0, 2}) {
            String runId = results.get(i).get("runId").asString();
            assertThat(results.get(i).get("statusUrl").asString()).isEqualTo(base() + "/v1/workflows/runs/" + runId);
            assertThat(awaitStatus(runId, "completed").at("/output").isMissingNode()).isFalse();
        }
        JsonNode again = http.post("/v1/workflows/run/batch", """
                {"runs": [{"plan": %s, "input": {"n": 2}, "idempotencyKey": "%s"}]}""".formatted(PLAN, key)).expect(200).json();
        assertThat(again.at("/results/0/runId").asString()).isEqualTo(results.get(2).get("runId").asString());
        assertThat(again.at("/results/0/idempotentReplay").asBoolean()).isTrue();
    }

    @Test
    void aBatchItselfMustBeAListOfAtMostAThousandRuns() {
        assertThat(http.post("/v1/workflows/run/batch", "{\"runs\": []}").expectProblem(422).at("/errors/0/field").asString())
                .isEqualTo("runs");
        StringBuilder many = new StringBuilder("{\"runs\": [");
        for (int i = 0; i < 1001; i++) {
            many.append(i == 0 ? "" : ",").append("{\"workflowSlug\": \"x\"}");
        }
        assertThat(http.post("/v1/workflows/run/batch", many.append("]}").toString()).expectProblem(422).get("detail").asString())
                .contains("at most 1000");
        assertThat(http.post("/v1/workflows/run/batch", "{\"runz\": []}").expectProblem(422).at("/errors/0/field").asString())
                .isEqualTo("runz");
    }
}
