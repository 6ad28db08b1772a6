package dev.weft.providers.ollama;

import dev.weft.providers.RemoteEmbedder;
import dev.weft.providers.ProviderErrors;
import org.springframework.ai.ollama.api.OllamaApi;
import org.springframework.ai.ollama.api.OllamaApi.EmbeddingsResponse;

/** {@code POST /api/embed}; Ollama already answers L2-normalised vectors, normalised again to be sure. */
final class OllamaEmbedder extends RemoteEmbedder {

    private final OllamaApi api;

    OllamaEmbedder(String provider, OllamaApi api, String model) {
        super(provider, model);
        this.api = api;
    }

    /** Ollama reports the tokens it read as {@code prompt_eval_count}. */
    @Override
    public Embedded embedCounted(String text) {
        EmbeddingsResponse response = OllamaErrors.call(provider,
                () -> api.embed(new OllamaApi.EmbeddingsRequest(model, text)));
        if (response.embeddings() == null || response.embeddings().isEmpty()) {
            throw ProviderErrors.invalidResponse(provider, "no embedding in the answer");
        }
        Integer tokens = response.promptEvalCount();
        return embedded(response.embeddings().getFirst(), tokens == null ? 0 : tokens);
    }
}
