package dev.weft.providers;

/** Turns text into a dense vector (text enrichment and similarity search). */
public interface Embedder {

    /** A vector and the input tokens the provider counted for it (0 when it reports none). */
    record Embedded(float[] vector, long inputTokens) {}

    String provider();

    String model();

    int dimensions();

    /** Returns an L2-normalised vector of {@link #dimensions()} floats. */
    float[] embed(String text);

    /** {@link #embed} with the provider's token count, for usage and cost; local embedders count none. */
    default Embedded embedCounted(String text) {
        return new Embedded(embed(text), 0);
    }

    /** A unit-length copy of {@code v} (all zeros stays all zeros): what every embedder returns. */
    static float[] unitLength(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        double norm = Math.sqrt(sum);
        float[] out = v.clone();
        for (int i = 0; norm > 0 && i < out.length; i++) {
            out[i] = (float) (out[i] / norm);
        }
        return out;
    }
}
