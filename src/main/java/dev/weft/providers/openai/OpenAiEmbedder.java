package dev.weft.providers.openai;

import com.openai.client.OpenAIClient;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.weft.providers.Embedder;
import dev.weft.providers.RemoteEmbedder;
import dev.weft.providers.ProviderErrors;
import java.util.List;

/** Embeddings ({@code POST /embeddings}), L2-normalised as the {@link Embedder} port promises. */
final class OpenAiEmbedder extends RemoteEmbedder {

    private final OpenAIClient client;

    OpenAiEmbedder(String provider, OpenAIClient client, String model) {
        super(provider, model);
        this.client = client;
    }

    @Override
    public Embedded embedCounted(String text) {
        EmbeddingCreateParams params = EmbeddingCreateParams.builder().model(model).input(text).build();
        CreateEmbeddingResponse response = OpenAiErrors.call(provider, () -> client.embeddings().create(params));
        if (response.data().isEmpty()) {
            throw ProviderErrors.invalidResponse(provider, "no embedding in the answer");
        }
        List<Float> values = response.data().getFirst().embedding();
        float[] raw = new float[values.size()];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = values.get(i);
        }
        return embedded(raw, response.usage().promptTokens());
    }
}
