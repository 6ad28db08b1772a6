package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.providers.wire.Wire;
import dev.weft.providers.wire.WireServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Runs through the HTTP API against a local server speaking OpenAI's wire format: the server-wide key,
 * an app's own key (masked in listings, never in run output), usage totals and a run budget.
 */
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:mem:providersapitest;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "weft.encryption-key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
        "weft.providers.openai.api-key=sk-server-key-0000000000000001"
})
class ProvidersApiTest extends ApiTestBase {

    static final WireServer OPENAI = new WireServer();
    static final String APP_KEY = "sk-app-own-key-9999999999999999";

    @DynamicPropertySource
    static void openAiAtTheLocalServer(DynamicPropertyRegistry registry) {
        // Operator configuration: a loopback base URL is allowed here, the outbound policy is for user input.
        registry.add("weft.providers.openai.base-url", () -> OPENAI.url() + "/v1");
    }

    @AfterAll
    static void stop() {
        OPENAI.close();
    }

    @Test
    void runsATextStepAgainstTheConfiguredOpenAiServerAndTotalsItsUsage() {
        OPENAI.on("/v1/chat/completions", 200, Wire.openAiChat("Calm water, first light.", "stop"));

        String runId = start("""
                {"input": {"prompt": "a calm lake"}, "plan": {"steps": [
                  {"id": "write", "type": "text_generate", "input": {"prompt": "{{ input.prompt }}", "provider": "openai"}}]}}""");
        JsonNode run = awaitStatus(runId, "completed");

        JsonNode output = run.at("/steps/0/output");
        assertThat(output.get("text").asString()).isEqualTo("Calm water, first light.");
        assertThat(output.at("/usage/provider").asString()).isEqualTo("openai");
        assertThat(output.at("/usage/inputTokens").asInt()).isEqualTo(19);
        assertThat(output.at("/usage/costUsd").asDouble()).isGreaterThan(0);
        assertThat(run.at("/usage/inputTokens").asInt()).isEqualTo(19);
        assertThat(run.at("/usage/outputTokens").asInt()).isEqualTo(10);
        assertThat(run.at("/usage/costUsd").asDouble()).isEqualTo(output.at("/usage/costUsd").asDouble());
        assertThat(OPENAI.last().header("Authorization")).isEqualTo("Bearer sk-server-key-0000000000000001");
    }

    @Test
    void anAppKeyIsStoredMaskedUsedForItsRunsAndNeverShown() {
        OPENAI.on("/v1/chat/completions", 200, Wire.openAiChat("ok", "stop"));

        JsonNode put = http.put("/v1/providers/openai/key", "{\"apiKey\": \"" + APP_KEY + "\"}").expect(200).json();
        JsonNode listed = http.get("/v1/providers").expect(200).json();
        String runId = start("""
                {"plan": {"steps": [{"id": "write", "type": "text_generate", "input": {"prompt": "hi", "provider": "openai"}}]}}""");
        JsonNode run = awaitStatus(runId, "completed");

        assertThat(put.get("keyHint").asString()).isEqualTo("sk-…9999");
        assertThat(listed.toString()).doesNotContain(APP_KEY).contains("sk-…9999").contains("\"source\":\"app\"");
        assertThat(run.toString()).doesNotContain(APP_KEY);
        assertThat(OPENAI.last().header("Authorization")).isEqualTo("Bearer " + APP_KEY);

        http.delete("/v1/providers/openai/key").expect(204);
        assertThat(http.get("/v1/providers").expect(200).body()).contains("\"source\":\"server\"");
    }

    @Test
    void aPerAppBaseUrlGoesThroughTheOutboundPolicy() {
        JsonNode problem = http.put("/v1/providers/openai/key",
                "{\"apiKey\": \"" + APP_KEY + "\", \"baseUrl\": \"http://169.254.169.254/v1\"}").expectProblem(422);

        assertThat(problem.get("detail").asString()).contains("baseUrl");
        assertThat(problem.toString()).doesNotContain(APP_KEY);
    }

    @Test
    void aBadKeyFailsTheRunWithAClearAuthenticationFailure() {
        OPENAI.on("/v1/chat/completions", 401, Wire.openAiError("Incorrect API key provided", "invalid_request_error",
                "invalid_api_key"));
        try {
            String runId = start("""
                    {"plan": {"steps": [{"id": "write", "type": "text_generate", "input": {"prompt": "hi", "provider": "openai"}}]}}""");
            JsonNode run = awaitStatus(runId, "failed");

            assertThat(run.at("/steps/0/error/code").asString()).isEqualTo("AUTHENTICATION_FAILED");
            assertThat(run.toString()).doesNotContain("sk-server-key-0000000000000001");
        } finally {
            OPENAI.on("/v1/chat/completions", 200, Wire.openAiChat("ok", "stop"));
        }
    }

    @Test
    void aRunOverItsBudgetFailsWithBudgetExceeded() {
        OPENAI.on("/v1/chat/completions", 200, Wire.openAiChat("ok", "stop"));

        String runId = start("""
                {"plan": {"budget": {"maxCostUsd": 0.0000001}, "steps": [
                  {"id": "first", "type": "text_generate", "input": {"prompt": "hi", "provider": "openai"}},
                  {"id": "second", "type": "text_generate", "dependsOn": ["first"], "input": {"prompt": "again", "provider": "openai"}}]}}""");
        JsonNode run = awaitStatus(runId, "failed");

        assertThat(run.at("/steps/1/error/code").asString()).isEqualTo("BUDGET_EXCEEDED");
    }
}
