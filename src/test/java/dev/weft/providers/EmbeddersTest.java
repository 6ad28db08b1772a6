package dev.weft.providers;

import dev.weft.providers.ollama.OllamaProvider;
import dev.weft.providers.openai.OpenAiProvider;
import dev.weft.providers.wire.Wire;
import java.time.Duration;
import org.junit.jupiter.api.Nested;

/** The {@link EmbedderContractTest} on every remote provider that embeds. */
class EmbeddersTest {

    @Nested
    class OpenAiCompatible extends EmbedderContractTest {
        final OpenAiProvider provider = new OpenAiProvider("openai", TextGeneratorContractTest.HTTP,
                Duration.ofMillis(1500), null, null, null, null, null, false);

        @Override
        Embedder embedder(String baseUrl) {
            return provider.embedder(ProviderCredentials.fromApp(TextGeneratorContractTest.KEY, baseUrl + "/v1"), null);
        }

        @Override
        String path() {
            return "/v1/embeddings";
        }

        @Override
        String answer() {
            return Wire.openAiEmbedding();
        }

        @Override
        float[] raw() {
            return new float[] {3, 4, 0};
        }

        @Override
        String error(String message) {
            return Wire.openAiError(message, "invalid_request_error", null);
        }
    }

    @Nested
    class Ollama extends EmbedderContractTest {
        final OllamaProvider provider = new OllamaProvider(TextGeneratorContractTest.HTTP, Duration.ofMillis(1500), null,
                null, null);

        @Override
        Embedder embedder(String baseUrl) {
            return provider.embedder(ProviderCredentials.fromApp(null, baseUrl), null);
        }

        @Override
        String path() {
            return "/api/embed";
        }

        @Override
        String answer() {
            return Wire.ollamaEmbed();
        }

        @Override
        float[] raw() {
            return new float[] {0.6f, 0.8f};
        }

        @Override
        String error(String message) {
            return "{\"error\": \"" + message + "\"}";
        }
    }
}
