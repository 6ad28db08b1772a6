package dev.weft.providers.openai;

import com.openai.client.OpenAIClient;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.weft.providers.Embedder;
import dev.weft.providers.ProviderErrors;
import java.util.List;

/** Embeddings ({@code POST /embeddings}), L2-normalised as the {@link Embedder} port promises. */
final class OpenAiEmbedder implements Embedder {

    private final String provider;
    private final OpenAIClient client;
    private final String model;
    private volatile int dimensions = -1;

    OpenAiEmbedder(String provider, OpenAIClient client, String model) {
        this.provider = provider;
        this.client = client;
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

    /** Known after the first call; -1 before. */
    @Override
    public int dimensions() {
        return dimensions;
    }

    @Override
    public float[] embed(String text) {
        return embedCounted(text).vector();
    }

    @Override
    public Embedded embedCounted(String text) {
        EmbeddingCreateParams params = EmbeddingCreateParams.builder().model(model).input(text).build();
        CreateEmbeddingResponse response = OpenAiErrors.call(provider, () -> client.embeddings().create(params));
        if (response.data().isEmpty()) {
            throw ProviderErrors.invalidResponse(provider, "no embedding in the answer");
        }
        List<Float> values = response.data().getFirst().embedding();
        float[] vector = new float[values.size()];
        double norm = 0;
        for (int i = 0; i < vector.length; i++) {
            vector[i] = values.get(i);
            norm += vector[i] * vector[i];
        }
        norm = Math.sqrt(norm);
        if (norm > 0) {
            for (int i = 0; i < vector.length; i++) {
                vector[i] /= (float) norm;
            }
        }
        dimensions = vector.length;
        return new Embedded(vector, response.usage().promptTokens());
    }
}
