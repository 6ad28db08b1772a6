package dev.weft.providers.local;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.weft.providers.Embedder;
import dev.weft.providers.ProviderException;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Text embeddings computed in-process with the quantised all-MiniLM-L6-v2 ONNX model shipped in
 * the langchain4j artifact: real embeddings with no network and no keys.
 *
 * <p>The model takes a moment (and ~25 MB of memory) to load, so it is loaded lazily on the first
 * {@link #embed} call, exactly once, even under concurrent first calls. The instance is thread-safe.
 */
public final class LocalEmbedder implements Embedder {

    public static final String PROVIDER = "local";
    public static final String MODEL = "all-minilm-l6-v2-q";
    public static final int DIMENSIONS = 384;

    private final Supplier<EmbeddingModel> loader;
    private volatile EmbeddingModel model;

    public LocalEmbedder() {
        this(AllMiniLmL6V2QuantizedEmbeddingModel::new);
    }

    /** For tests or a shared pre-loaded model; the supplier is called at most once. */
    public LocalEmbedder(Supplier<EmbeddingModel> loader) {
        this.loader = Objects.requireNonNull(loader, "loader");
    }

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public int dimensions() {
        return DIMENSIONS;
    }

    @Override
    public float[] embed(String text) {
        if (text == null || text.isBlank()) {
            throw new ProviderException(false, "EMPTY_TEXT", "Cannot embed empty text");
        }
        float[] vector;
        try {
            vector = loadedModel().embed(text).content().vector();
        } catch (ProviderException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ProviderException(false, "EMBEDDING_FAILED",
                    "Local embedding model failed: " + e.getMessage(), e);
        }
        if (vector.length != DIMENSIONS) {
            throw new ProviderException(false, "EMBEDDING_FAILED",
                    "Expected " + DIMENSIONS + " dimensions but the model returned " + vector.length);
        }
        return Embedder.unitLength(vector); // the model already normalises; the port promises it
    }

    /** Eagerly loads the model, e.g. at start-up to avoid a slow first step. */
    public void warmUp() {
        loadedModel();
    }

    private EmbeddingModel loadedModel() {
        EmbeddingModel loaded = model;
        if (loaded == null) {
            synchronized (this) {
                loaded = model;
                if (loaded == null) {
                    try {
                        loaded = Objects.requireNonNull(loader.get(), "loader returned null");
                    } catch (RuntimeException | LinkageError e) {
                        throw new ProviderException(false, "MODEL_LOAD_FAILED",
                                "Could not load local embedding model " + MODEL + ": " + e.getMessage(), e);
                    }
                    model = loaded;
                }
            }
        }
        return loaded;
    }
}
