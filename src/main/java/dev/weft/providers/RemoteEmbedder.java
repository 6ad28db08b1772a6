package dev.weft.providers;

/**
 * What the embedders of remote providers share: their names, and a dimension count learned from
 * the first answer (-1 before).
 */
public abstract class RemoteEmbedder implements Embedder {

    protected final String provider;
    protected final String model;
    private volatile int dimensions = -1;

    protected RemoteEmbedder(String provider, String model) {
        this.provider = provider;
        this.model = model;
    }

    @Override
    public final String provider() {
        return provider;
    }

    @Override
    public final String model() {
        return model;
    }

    /** Known after the first call; -1 before. */
    @Override
    public final int dimensions() {
        return dimensions;
    }

    @Override
    public final float[] embed(String text) {
        return embedCounted(text).vector();
    }

    /** Normalises a provider's raw vector and remembers its length. */
    protected final Embedded embedded(float[] raw, long inputTokens) {
        float[] unit = Embedder.unitLength(raw);
        dimensions = unit.length;
        return new Embedded(unit, inputTokens);
    }
}
