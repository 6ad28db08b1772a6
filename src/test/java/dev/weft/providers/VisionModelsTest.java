package dev.weft.providers;

import dev.weft.providers.anthropic.AnthropicProvider;
import dev.weft.providers.ollama.OllamaProvider;
import dev.weft.providers.openai.OpenAiProvider;
import dev.weft.providers.wire.Wire;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import tools.jackson.databind.JsonNode;

/** The {@link VisionModelContractTest} on every remote provider's wire format. */
class VisionModelsTest {

    @Nested
    class OpenAiCompatible extends VisionModelContractTest {
        final OpenAiProvider provider = new OpenAiProvider("openai", TextGeneratorContractTest.HTTP, Duration.ofMillis(1500),
                null, null, null, null, null, false);

        @Override
        VisionModel model(String baseUrl) {
            return provider.vision(ProviderCredentials.fromApp(KEY, baseUrl + "/v1"));
        }

        @Override
        String path() {
            return "/v1/chat/completions";
        }

        @Override
        String answer(String content) {
            return Wire.openAiChat(content.replace("\\\"", "\""), "stop");
        }

        @Override
        String error(String type, String message) {
            return Wire.openAiError(message, type, null);
        }

        @Override
        String imageSent(JsonNode request) {
            String url = request.get("messages").get(0).get("content").get(1).get("image_url").get("url").asString();
            return url.substring(url.indexOf(",") + 1);
        }

        @Override
        int[] tokens() {
            return new int[] {19, 10};
        }
    }

    @Nested
    class Anthropic extends VisionModelContractTest {
        final AnthropicProvider provider = new AnthropicProvider(TextGeneratorContractTest.HTTP, Duration.ofMillis(1500), null, null);

        @Override
        VisionModel model(String baseUrl) {
            return provider.vision(ProviderCredentials.fromApp(KEY, baseUrl));
        }

        @Override
        String path() {
            return "/v1/messages";
        }

        @Override
        String answer(String content) {
            return Wire.anthropicMessage(content.replace("\\\"", "\""), "end_turn");
        }

        @Override
        String error(String type, String message) {
            return Wire.anthropicError(type, message);
        }

        @Override
        String imageSent(JsonNode request) {
            return request.get("messages").get(0).get("content").get(0).get("source").get("data").asString();
        }

        @Override
        int[] tokens() {
            return new int[] {12, 6};
        }
    }

    @Nested
    class Ollama extends VisionModelContractTest {
        final OllamaProvider provider = new OllamaProvider(TextGeneratorContractTest.HTTP, Duration.ofMillis(1500), null, null, null);

        @Override
        VisionModel model(String baseUrl) {
            return provider.vision(ProviderCredentials.fromApp(KEY, baseUrl));
        }

        @Override
        String path() {
            return "/api/chat";
        }

        @Override
        String answer(String content) {
            return Wire.ollamaChat(content);
        }

        @Override
        String error(String type, String message) {
            return "{\"error\": \"" + message + "\"}";
        }

        @Override
        String imageSent(JsonNode request) {
            JsonNode messages = request.get("messages");
            return messages.get(messages.size() - 1).get("images").get(0).asString();
        }

        @Override
        int[] tokens() {
            return new int[] {26, 298};
        }
    }
}
