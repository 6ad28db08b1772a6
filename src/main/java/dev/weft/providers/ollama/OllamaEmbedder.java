package dev.weft.providers.ollama;

import dev.weft.providers.Embedder;
import dev.weft.providers.ProviderErrors;
import org.springframework.ai.ollama.api.OllamaApi;
import org.springframework.ai.ollama.api.OllamaApi.EmbeddingsResponse;

/** {@code POST /api/embed}; Ollama already answers L2-normalised vectors, normalised again to be sure. */
final class OllamaEmbedder implements Embedder {

    private final String provider;
    private final OllamaApi api;
    private final String model;
    private volatile int dimensions = -1;

    OllamaEmbedder(String provider, OllamaApi api, String model) {
        this.provider = provider;
        this.api = api;
        this.model = model;
    }

    @Override
    public String provider() {
        return provider;
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public int dimensions() {
        return dimensions;
    }

    @Override
    public float[] embed(String text) {
        return embedCounted(text).vector();
    }

    /** Ollama reports the tokens it read as {@code prompt_eval_count}. */
    @Override
    public Embedded embedCounted(String text) {
        EmbeddingsResponse response = OllamaErrors.call(provider,
                () -> api.embed(new OllamaApi.EmbeddingsRequest(model, text)));
        if (response.embeddings() == null || response.embeddings().isEmpty()) {
            throw ProviderErrors.invalidResponse(provider, "no embedding in the answer");
        }
        float[] v = response.embeddings().getFirst().clone();
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        for (int i = 0; norm > 0 && i < v.length; i++) {
            v[i] /= (float) norm;
        }
        dimensions = v.length;
        Integer tokens = response.promptEvalCount();
        return new Embedded(v, tokens == null ? 0 : tokens);
    }
}
