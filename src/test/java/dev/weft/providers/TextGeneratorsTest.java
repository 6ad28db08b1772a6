package dev.weft.providers;

import dev.weft.providers.anthropic.AnthropicProvider;
import dev.weft.providers.ollama.OllamaProvider;
import dev.weft.providers.openai.OpenAiProvider;
import dev.weft.providers.wire.Wire;
import java.time.Duration;
import org.junit.jupiter.api.Nested;

/** The {@link TextGeneratorContractTest} on every remote provider's wire format. */
class TextGeneratorsTest {

    @Nested
    class OpenAiCompatible extends TextGeneratorContractTest {
        final OpenAiProvider provider = new OpenAiProvider("openai", TextGeneratorContractTest.HTTP, Duration.ofMillis(1500), null, null, null,
                null, null, false);

        @Override
        TextGenerator generator(String baseUrl) {
            return provider.text(ProviderCredentials.fromApp(TextGeneratorContractTest.KEY, baseUrl + "/v1"));
        }

        @Override
        String path() {
            return "/v1/chat/completions";
        }

        @Override
        String answer(String text) {
            return Wire.openAiChat(text, "stop");
        }

        @Override
        String streamedAnswer(java.util.List<String> pieces) {
            return Wire.openAiStream(pieces);
        }

        @Override
        String streamContentType() {
            return "text/event-stream";
        }

        @Override
        String error(String type, String message) {
            return Wire.openAiError(message, type, null);
        }

        @Override
        long[] tokens() {
            return new long[] {19, 10};
        }
    }

    @Nested
    class Anthropic extends TextGeneratorContractTest {
        final AnthropicProvider provider = new AnthropicProvider(TextGeneratorContractTest.HTTP, Duration.ofMillis(1500), null, null);

        @Override
        TextGenerator generator(String baseUrl) {
            return provider.text(ProviderCredentials.fromApp(TextGeneratorContractTest.KEY, baseUrl));
        }

        @Override
        String path() {
            return "/v1/messages";
        }

        @Override
        String answer(String text) {
            return Wire.anthropicMessage(text, "end_turn");
        }

        @Override
        String streamedAnswer(java.util.List<String> pieces) {
            return Wire.anthropicStream(pieces);
        }

        @Override
        String streamContentType() {
            return "text/event-stream";
        }

        @Override
        String error(String type, String message) {
            return Wire.anthropicError(type, message);
        }

        @Override
        long[] tokens() {
            return new long[] {12, 6};
        }
    }

    @Nested
    class Ollama extends TextGeneratorContractTest {
        final OllamaProvider provider = new OllamaProvider(TextGeneratorContractTest.HTTP, Duration.ofMillis(1500), null, null, null);

        @Override
        TextGenerator generator(String baseUrl) {
            return provider.text(ProviderCredentials.fromApp(TextGeneratorContractTest.KEY, baseUrl));
        }

        @Override
        String path() {
            return "/api/chat";
        }

        @Override
        String answer(String text) {
            return Wire.ollamaChat(text);
        }

        @Override
        String streamedAnswer(java.util.List<String> pieces) {
            return Wire.ollamaStream(pieces);
        }

        @Override
        String streamContentType() {
            return "application/x-ndjson";
        }

        @Override
        String error(String type, String message) {
            return "{\"error\": \"" + message + "\"}";
        }

        @Override
        long[] tokens() {
            return new long[] {26, 298};
        }
    }
}
