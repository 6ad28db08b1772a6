package dev.weft.vector;

import dev.weft.providers.Embedder;
import java.util.Locale;

/**
 * A deterministic test embedder: words hashed into 384 signed buckets, L2-normalised. Texts sharing
 * words are similar; no model needed.
 */
public class HashingEmbedder implements Embedder {

    public static final int DIMENSIONS = 384;

    @Override
    public String provider() {
        return "test";
    }

    @Override
    public String model() {
        return "hashing-bow-384";
    }

    @Override
    public int dimensions() {
        return DIMENSIONS;
    }

    @Override
    public float[] embed(String text) {
        float[] vector = new float[DIMENSIONS];
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty()) {
                int h = word.hashCode() * 0x9E3779B1;
                vector[Math.floorMod(h, DIMENSIONS)] += (h >>> 31) == 0 ? 1f : -1f;
            }
        }
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        if (norm == 0) {
            vector[0] = 1f;
            return vector;
        }
        for (int i = 0; i < DIMENSIONS; i++) {
            vector[i] = (float) (vector[i] / Math.sqrt(norm));
        }
        return vector;
    }
}
