package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.providers.wire.Wire;
import dev.weft.providers.wire.WireServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * An app's AI settings through the API, on each backend: its default provider per capability, its monthly
 * budget, a budget on the run request, and embeddings for vector search through a remote provider. Each
 * test uses a fresh app, pointed (by its own key's base URL) at a local server speaking OpenAI's wire format.
 */
abstract class AppAiSettingsTest extends ApiTestBase {

    private static WireServer openAi;

    @BeforeAll
    static void startOpenAi() {
        openAi = new WireServer();
    }

    @AfterAll
    static void stopOpenAi() {
        openAi.close();
    }

    @BeforeEach
    void freshAppWithAnOpenAiKey() {
        http = new Http(base(), otherAppKey("ai-" + System.nanoTime()));
        http.put("/v1/providers/openai/key", "{\"apiKey\": \"sk-test-000000000000000000\", \"baseUrl\": \""
                + openAi.url() + "/v1\"}").expect(200);
    }

    @Test
    void aStepThatNamesNoProviderUsesTheAppsDefaultProviderAndModel() {
        openAi.on("/v1/chat/completions", 200, Wire.openAiChat("From the app default.", "stop"));

        JsonNode set = http.put("/v1/providers/defaults",
                "{\"text\": {\"provider\": \"openai\", \"model\": \"gpt-4.1-mini\"}}").expect(200).json();
        JsonNode run = awaitStatus(start("""
                {"plan": {"steps": [{"id": "write", "type": "text_generate", "input": {"prompt": "hi"}}]}}"""), "completed");

        assertThat(run.at("/steps/0/output/text").asString()).isEqualTo("From the app default.");
        assertThat(run.at("/steps/0/output/usage/provider").asString()).isEqualTo("openai");
        assertThat(openAi.last().json().get("model").asString()).isEqualTo("gpt-4.1-mini");
        assertThat(set.at("/text/source").asString()).isEqualTo("app");
        JsonNode shown = http.get("/v1/providers/defaults").expect(200).json();
        assertThat(shown.at("/text/provider").asString()).isEqualTo("openai");
        assertThat(shown.at("/text/model").asString()).isEqualTo("gpt-4.1-mini");
        assertThat(shown.at("/image/source").asString()).isEqualTo("local");
        assertThat(shown.at("/vision/source").asString()).isEqualTo("none");
    }

    @Test
    void aStepThatNamesAProviderWinsOverTheAppsDefault() {
        http.put("/v1/providers/defaults", "{\"text\": {\"provider\": \"openai\"}}").expect(200);
        int before = openAi.received().size();

        JsonNode run = awaitStatus(start("""
                {"plan": {"steps": [{"id": "write", "type": "text_generate",
                  "input": {"prompt": "hi", "provider": "local-placeholder"}}]}}"""), "completed");

        assertThat(run.at("/steps/0/output/usage/provider").asString()).isEqualTo("local-placeholder");
        assertThat(openAi.received()).hasSize(before);
    }

    @Test
    void theDefaultsApiRefusesAProviderThatCannotServeTheCapabilityNamingTheField() {
        JsonNode problem = http.put("/v1/providers/defaults", "{\"image\": {\"provider\": \"anthropic\"}}")
                .expectProblem(422);
        JsonNode unknown = http.put("/v1/providers/defaults", "{\"speech\": {\"provider\": \"openai\"}}")
                .expectProblem(422);

        assertThat(problem.at("/errors/0/field").asString()).isEqualTo("image.provider");
        assertThat(problem.get("detail").asString()).contains("openai");
        assertThat(unknown.at("/errors/0/field").asString()).isEqualTo("speech");
    }

    @Test
    void theBudgetApiSetsTheMonthlyLimitShowsThisMonthsSpendAndStopsAiStepsOnceReached() {
        openAi.on("/v1/chat/completions", 200, Wire.openAiChat("ok", "stop"));
        JsonNode empty = http.get("/v1/budget").expect(200).json();
        http.put("/v1/budget", "{\"monthlyMaxCostUsd\": 5}").expect(200);

        JsonNode run = awaitStatus(start("""
                {"plan": {"steps": [{"id": "write", "type": "text_generate", "input": {"prompt": "hi", "provider": "openai"}}]}}"""),
                "completed");
        JsonNode budget = http.get("/v1/budget").expect(200).json();
        http.put("/v1/budget", "{\"monthlyMaxCostUsd\": 0}").expect(200);
        JsonNode stopped = awaitStatus(start("""
                {"plan": {"steps": [{"id": "write", "type": "text_generate", "input": {"prompt": "hi", "provider": "openai"}}]}}"""),
                "failed");

        assertThat(empty.hasNonNull("monthlyMaxCostUsd")).isFalse();
        assertThat(empty.get("spentThisMonthUsd").asDouble()).isZero();
        assertThat(budget.get("monthlyMaxCostUsd").asDouble()).isEqualTo(5.0);
        assertThat(budget.get("spentThisMonthUsd").asDouble()).isEqualTo(run.at("/usage/costUsd").asDouble()).isPositive();
        assertThat(budget.get("remainingUsd").asDouble()).isLessThan(5.0);
        assertThat(budget.get("month").asString()).matches("\\d{4}-\\d{2}");
        assertThat(stopped.at("/steps/0/error/code").asString()).isEqualTo("BUDGET_EXCEEDED");
        assertThat(http.put("/v1/budget", "{\"monthlyMaxCostUsd\": -1}").expectProblem(422).at("/errors/0/field")
                .asString()).isEqualTo("monthlyMaxCostUsd");
    }

    @Test
    void aBudgetOnTheRunRequestTightensTheDefinitionsButCannotLoosenIt() {
        JsonNode tightened = awaitStatus(start("""
                {"budget": {"maxCostUsd": 0}, "plan": {"budget": {"maxCostUsd": 10}, "steps": [
                  {"id": "write", "type": "text_generate", "input": {"prompt": "hi"}}]}}"""), "failed");
        JsonNode notLoosened = awaitStatus(start("""
                {"budget": {"maxCostUsd": 10}, "plan": {"budget": {"maxCostUsd": 0}, "steps": [
                  {"id": "write", "type": "text_generate", "input": {"prompt": "hi"}}]}}"""), "failed");
        JsonNode within = awaitStatus(start("""
                {"budget": {"maxCostUsd": 1}, "plan": {"steps": [
                  {"id": "write", "type": "text_generate", "input": {"prompt": "hi"}}]}}"""), "completed");

        assertThat(tightened.at("/steps/0/error/code").asString()).isEqualTo("BUDGET_EXCEEDED");
        assertThat(notLoosened.at("/steps/0/error/code").asString()).isEqualTo("BUDGET_EXCEEDED");
        assertThat(within.at("/steps/0/output/usage/costUsd").asDouble()).isZero();
    }

    @Test
    void aRunRequestBudgetThatIsNotANonNegativeNumberIsRefusedNamingTheField() {
        String plan = "\"plan\": {\"steps\": [{\"id\": \"w\", \"type\": \"text_generate\", \"input\": {\"prompt\": \"hi\"}}]}";

        JsonNode negative = http.post("/v1/workflows/run", "{\"budget\": {\"maxCostUsd\": -1}, " + plan + "}")
                .expectProblem(422);
        JsonNode text = http.post("/v1/workflows/run", "{\"budget\": {\"maxCostUsd\": \"1\"}, " + plan + "}")
                .expectProblem(422);
        JsonNode unknown = http.post("/v1/workflows/run", "{\"budget\": {\"limit\": 1}, " + plan + "}")
                .expectProblem(422);

        assertThat(negative.at("/errors/0/field").asString()).isEqualTo("budget.maxCostUsd");
        assertThat(text.at("/errors/0/field").asString()).isEqualTo("budget.maxCostUsd");
        assertThat(unknown.at("/errors/0/field").asString()).isEqualTo("budget.limit");
    }

    @Test
    void storeAndSearchEmbedWithTheAppsDefaultEmbeddingProviderAndACollectionKeepsOneModel() {
        openAi.on("/v1/embeddings", 200, Wire.openAiEmbedding());
        http.put("/v1/providers/defaults", "{\"embedding\": {\"provider\": \"openai\"}}").expect(200);
        String collection = "emb-" + System.nanoTime();

        JsonNode run = awaitStatus(start("""
                {"plan": {"steps": [
                  {"id": "store", "type": "store_results", "input": {"data": "calm lake", "index": {"collection": "%s"}}},
                  {"id": "find", "type": "search_similar", "dependsOn": ["store"], "input": {"collection": "%s", "query": "lake"}}]}}"""
                .formatted(collection, collection)), "completed");
        JsonNode mixed = awaitStatus(start("""
                {"plan": {"steps": [{"id": "find", "type": "search_similar",
                  "input": {"collection": "%s", "query": "lake", "provider": "local"}}]}}""".formatted(collection)), "failed");

        JsonNode store = step(run, "store").get("output");
        JsonNode find = step(run, "find").get("output");
        assertThat(store.at("/indexed/provider").asString()).isEqualTo("openai");
        assertThat(store.at("/indexed/dimensions").asInt()).isEqualTo(3);
        assertThat(store.at("/usage/inputTokens").asInt()).isEqualTo(5);
        assertThat(find.at("/matches/0/metadata/embeddingModel").asString()).isEqualTo("openai/text-embedding-3-small");
        assertThat(find.get("provider").asString()).isEqualTo("openai");
        assertThat(run.at("/usage/inputTokens").asInt()).isEqualTo(10);
        assertThat(openAi.last().json().get("model").asString()).isEqualTo("text-embedding-3-small");
        assertThat(mixed.at("/steps/0/error/code").asString()).isEqualTo("DIMENSION_MISMATCH");
        assertThat(mixed.at("/steps/0/error/message").asString())
                .contains("holds 3-dimensional vectors embedded with openai/text-embedding-3-small")
                .contains("gives 384-dimensional vectors");
    }

    @Test
    void twoAppsWithOllamaKeysOnOneBaseUrlEachSendTheirOwnKey() {
        try (WireServer ollama = new WireServer().on("/api/chat", 200, Wire.ollamaChat("ok"))) {
            Http first = http;
            Http second = new Http(base(), otherAppKey("ai-second-" + System.nanoTime()));
            String plan = """
                    {"plan": {"steps": [{"id": "write", "type": "text_generate",
                      "input": {"prompt": "hi", "provider": "ollama"}}]}}""";
            for (Http app : java.util.List.of(first, second, first)) {
                String key = app == first ? "ollama-key-first-0000" : "ollama-key-second-000";
                app.put("/v1/providers/ollama/key", "{\"apiKey\": \"" + key + "\", \"baseUrl\": \"" + ollama.url() + "\"}")
                        .expect(200);
                http = app;
                awaitStatus(start(plan), "completed");
            }

            assertThat(ollama.received()).extracting(r -> r.header("Authorization")).containsExactly(
                    "Bearer ollama-key-first-0000", "Bearer ollama-key-second-000", "Bearer ollama-key-first-0000");
        }
    }

    @Test
    void aProviderBaseUrlThatRedirectsToAnInternalAddressFailsTheStepAndTheRedirectIsNotFollowed() {
        try (WireServer internal = new WireServer().on("/v1/chat/completions", 200, Wire.openAiChat("stolen", "stop"));
             WireServer redirecting = new WireServer()) {
            String internalUrl = "http://localhost:" + internal.url().substring(internal.url().lastIndexOf(':') + 1);
            redirecting.on("/v1/chat/completions", 303, java.util.Map.of("Location", internalUrl + "/v1/chat/completions"), "");
            http.put("/v1/providers/openai/key", "{\"apiKey\": \"sk-test-000000000000000000\", \"baseUrl\": \""
                    + redirecting.url() + "/v1\"}").expect(200);

            JsonNode run = awaitStatus(start("""
                    {"plan": {"steps": [{"id": "write", "type": "text_generate",
                      "retry": {"maxAttempts": 3, "initialDelay": "PT0.01S"},
                      "input": {"prompt": "hi", "provider": "openai"}}]}}"""), "failed");

            assertThat(step(run, "write").at("/error/code").asString()).isEqualTo("OUTBOUND_BLOCKED");
            assertThat(step(run, "write").get("attempts").asInt()).isEqualTo(1);
            assertThat(redirecting.received()).hasSize(1);
            assertThat(internal.received()).isEmpty();
        }
    }
}
