package dev.weft.providers;

/** Turns text into a dense vector (text enrichment and similarity search). */
public interface Embedder {

    String provider();

    String model();

    int dimensions();

    /** Returns an L2-normalised vector of {@link #dimensions()} floats. */
    float[] embed(String text);
}
