package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Resume with a fix: patch the input, replace a step's input, or re-run from a step; history says who changed what. */
abstract class ResumeWithFixTest extends ApiTestBase {

    private static final String PLAN = """
            {"plan": {"inputSchema": {"type": "object", "properties": {"topic": {"type": "string"}, "n": {"type": "integer"}}},
              "steps": [
                {"id": "shape", "type": "transform", "input": {"topic": "{{ input.topic }}", "n": "{{ input.n }}"}},
                {"id": "write", "type": "text_generate", "input": {"prompt": "{{ input.topic }}"}}]},
             "input": %s}""";

    private String failedRun(String input) {
        String runId = start(PLAN.formatted(input));
        JsonNode failed = awaitStatus(runId, "failed");
        assertThat(step(failed, "write").at("/error/code").asString()).isEqualTo("INVALID_STEP_INPUT");
        return runId;
    }

    @Test
    void aPatchOfTheInputFixesTheRunAndTheHistorySaysWhoChangedWhat() {
        String runId = failedRun("{\"n\": 1}");

        http.post("/v1/workflows/runs/" + runId + "/resume", "{\"input\": {\"topic\": \"a quiet lake\"}}").expect(202);
        JsonNode done = awaitStatus(runId, "completed");

        assertThat(done.at("/input/topic").asString()).isEqualTo("a quiet lake");
        assertThat(done.at("/input/n").asInt()).as("a merge patch keeps what it does not name").isEqualTo(1);
        assertThat(step(done, "write").get("attempts").asInt()).as("attempt numbers carry on").isEqualTo(2);
        assertThat(step(done, "shape").get("attempts").asInt()).as("not failed, not run again").isEqualTo(1);
        JsonNode resumed = event(runId, "run.resumed");
        assertThat(resumed.at("/data/input/topic").asString()).isEqualTo("a quiet lake");
        assertThat(resumed.at("/data/keyId").asString()).isNotBlank();
    }

    @Test
    void aReplacementInputForTheFailedStepIsUsedInsteadOfItsTemplate() {
        String runId = failedRun("{}");

        http.post("/v1/workflows/runs/" + runId + "/resume", "{\"steps\": {\"write\": {\"input\": {\"prompt\": \"fixed by hand\"}}}}")
                .expect(202);
        JsonNode done = awaitStatus(runId, "completed");

        assertThat(step(done, "write").at("/input/prompt").asString()).isEqualTo("fixed by hand");
        assertThat(event(runId, "run.resumed").at("/data/steps/write/input/prompt").asString()).isEqualTo("fixed by hand");
    }

    @Test
    void fromAStepRunsItAndEverythingAfterItAgainEvenOnACompletedRun() {
        String runId = start(PLAN.formatted("{\"topic\": \"first\"}"));
        awaitStatus(runId, "completed");

        http.post("/v1/workflows/runs/" + runId + "/resume", "{\"from\": \"shape\", \"input\": {\"topic\": \"second\"}}")
                .expect(202);
        JsonNode again = awaitStatus(runId, "completed");

        assertThat(step(again, "shape").at("/output/topic").asString()).isEqualTo("second");
        assertThat(step(again, "write").at("/input/prompt").asString()).isEqualTo("second");
        assertThat(step(again, "write").get("attempts").asInt()).isEqualTo(2);
    }

    @Test
    void whatCannotBeAppliedIsA422AndNothingChanges() {
        String runId = failedRun("{\"n\": 1}");

        List<String[]> refused = List.of(
                new String[] {"{\"from\": \"shap\"}", "from", "did you mean 'shape'?"},
                new String[] {"{\"steps\": {\"shape\": {\"input\": {}}}}", "steps.shape", "will not run again"},
                new String[] {"{\"steps\": {\"writ\": {\"input\": {}}}}", "steps.writ", "did you mean 'write'?"},
                new String[] {"{\"steps\": {\"write\": {\"input\": {\"promt\": \"x\"}}}}", "steps.write.input", ""},
                new String[] {"{\"input\": {\"n\": \"one\"}}", "input.n", "inputSchema"},
                new String[] {"{\"input\": {}, \"fromStep\": \"shape\"}", "fromStep", "unknown field"});
        for (String[] r : refused) {
            JsonNode problem = http.post("/v1/workflows/runs/" + runId + "/resume", r[0]).expectProblem(422);
            assertThat(problem.at("/errors/0/field").asString()).as(r[0]).startsWith(r[1]);
            assertThat(problem.at("/errors/0/message").asString()).as(r[0]).contains(r[2]);
        }

        JsonNode still = http.get("/v1/workflows/runs/" + runId).expect(200).json();
        assertThat(still.get("status").asString()).isEqualTo("failed");
        assertThat(still.at("/input/n").asInt()).isEqualTo(1);
        assertThat(http.get("/v1/workflows/runs/" + runId + "/events").expect(200).json().get("events").findValuesAsString("type"))
                .doesNotContain("run.resumed");
        http.post("/v1/workflows/runs/" + runId + "/resume", "{}").expect(202);
        awaitStatus(runId, "failed");
        JsonNode completed = awaitStatus(start(PLAN.formatted("{\"topic\": \"x\"}")), "completed");
        http.post("/v1/workflows/runs/" + completed.get("runId").asString() + "/resume", "").expectProblem(409);
    }

    private JsonNode event(String runId, String type) {
        for (JsonNode e : http.get("/v1/workflows/runs/" + runId + "/events").expect(200).json().get("events")) {
            if (e.get("type").asString().equals(type)) {
                return e;
            }
        }
        throw new AssertionError("no " + type + " event for run " + runId);
    }
}
