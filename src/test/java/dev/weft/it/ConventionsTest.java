package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Conventions people already know: the Idempotency-Key header, one name for the workflow version,
 * absolute URLs, 400 only for what cannot be read and 422 for what can but is wrong, and a
 * provider nothing was set for says so.
 */
abstract class ConventionsTest extends ApiTestBase {

    private static final String RUN = """
            {"workflowSlug": "image-generate-v1", "input": {"prompt": "a lighthouse", "size": "64x64"}%s}""";

    @Test
    void theIdempotencyKeyHeaderWorksLikeTheBodyField() {
        Map<String, String> header = Map.of("Idempotency-Key", "conv-" + System.nanoTime());
        JsonNode first = http.post("/v1/workflows/run", RUN.formatted(""), header).expect(202).json();
        JsonNode again = http.post("/v1/workflows/run", RUN.formatted(""), header).expect(202).json();
        JsonNode both = http.post("/v1/workflows/run",
                RUN.formatted(", \"idempotencyKey\": \"" + header.get("Idempotency-Key") + "\""), header).expect(202).json();

        assertThat(again.get("runId").asString()).isEqualTo(first.get("runId").asString());
        assertThat(again.get("idempotentReplay").asBoolean()).isTrue();
        assertThat(both.get("runId").asString()).isEqualTo(first.get("runId").asString());
        JsonNode differ = http.post("/v1/workflows/run", RUN.formatted(", \"idempotencyKey\": \"another\""), header)
                .expectProblem(422);
        assertThat(differ.at("/errors/0/field").asString()).isEqualTo("idempotencyKey");
        assertThat(http.post("/v1/workflows/run", RUN.formatted(""), header).expect(202).json().get("runId").asString())
                .isEqualTo(first.get("runId").asString());
    }

    @Test
    void workflowVersionIsTheOneNameAndVersionADeprecatedAlias() {
        JsonNode named = http.post("/v1/workflows/run", RUN.formatted(", \"workflowVersion\": 1")).expect(202).json();
        JsonNode alias = http.post("/v1/workflows/run", RUN.formatted(", \"version\": 1")).expect(202).json();

        assertThat(named.get("workflowVersion").asInt()).isEqualTo(1);
        assertThat(alias.get("workflowVersion").asInt()).isEqualTo(1);
        JsonNode clash = http.post("/v1/workflows/run", RUN.formatted(", \"workflowVersion\": 1, \"version\": 2"))
                .expectProblem(422);
        assertThat(clash.at("/errors/0/field").asString()).isEqualTo("workflowVersion");
        JsonNode missing = http.post("/v1/workflows/run", RUN.formatted(", \"workflowVersion\": 7")).expectProblem(404);
        assertThat(missing.at("/errors/0/field").asString()).isEqualTo("workflowVersion");
    }

    @Test
    void everyUrlInAResponseIsAbsolute() {
        String slug = "conv-" + System.nanoTime() % 100000;
        Http.Response saved = http.post("/v1/workflows", """
                {"slug": "%s", "steps": [{"id": "a", "type": "transform", "input": {"v": 1}}]}""".formatted(slug));
        assertThat(saved.status()).isEqualTo(201);
        assertThat(saved.header("Location")).isEqualTo(base() + "/v1/workflows/" + slug + "/versions/1");

        Http.Response started = http.post("/v1/workflows/run", RUN.formatted(""));
        JsonNode run = awaitStatus(started.json().get("runId").asString(), "completed");
        assertThat(started.header("Location")).startsWith(base() + "/v1/workflows/runs/");
        assertThat(run.get("statusUrl").asString()).startsWith(base());
        assertThat(run.get("eventsUrl").asString()).startsWith(base());
        assertThat(run.at("/output/image/url").asString()).startsWith(base() + "/v1/artifacts/");
        assertThat(step(run, "generate").at("/output/image/url").asString()).startsWith(base() + "/v1/artifacts/");
    }

    @Test
    void fourHundredIsForWhatCannotBeReadAndFourTwentyTwoForWhatIsWrong() {
        assertThat(http.post("/v1/workflows/run", "{\"workflowSlug\": ").expectProblem(400).get("type").asString())
                .endsWith("/malformed-json");
        assertThat(http.postRaw("/v1/workflows/run", "application/json", null).status()).isEqualTo(400);
        assertThat(http.post("/v1/workflows/run", RUN.formatted(", \"priorty\": 3")).expectProblem(422)
                .at("/errors/0/field").asString()).isEqualTo("priorty");
        assertThat(http.post("/v1/workflows/run", "{\"workflowSlug\": 5}").expectProblem(422)
                .at("/errors/0/field").asString()).isEqualTo("workflowSlug");
        assertThat(http.get("/v1/workflows/runs?limit=abc").expectProblem(422).at("/errors/0/field").asString())
                .isEqualTo("limit");
        assertThat(http.post("/v1/workflows/run", "[1, 2]").status()).isEqualTo(422);
    }

    @Test
    void aProviderNothingWasSetForSaysNotConfiguredAndHowToSetItUp() {
        JsonNode providers = http.get("/v1/providers").expect(200).json().get("providers");

        assertThat(providers).filteredOn(p -> p.get("provider").asString().equals("ollama")).singleElement()
                .satisfies(p -> {
                    assertThat(p.get("configured").asBoolean()).isFalse();
                    assertThat(p.get("status").asString()).isEqualTo("not configured");
                    assertThat(p.get("setUp").asString()).contains("OLLAMA_BASE_URL");
                });
    }
}
