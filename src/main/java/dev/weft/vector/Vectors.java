package dev.weft.vector;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/**
 * Vector helpers: the storage encoding (base64 of little-endian float32, compact and readable by
 * any client) and normalisation for cosine similarity.
 */
public final class Vectors {

    public static final int MAX_DIMENSIONS = 8192;

    private Vectors() {}

    public static String encode(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(vector);
        return Base64.getEncoder().encodeToString(buffer.array());
    }

    public static float[] decode(String base64) {
        ByteBuffer buffer = ByteBuffer.wrap(Base64.getDecoder().decode(base64)).order(ByteOrder.LITTLE_ENDIAN);
        float[] vector = new float[buffer.remaining() / Float.BYTES];
        buffer.asFloatBuffer().get(vector);
        return vector;
    }

    /** @throws IllegalArgumentException for an empty, oversized, non-finite or all-zero vector */
    public static void check(float[] vector) {
        if (vector == null || vector.length == 0) {
            throw new IllegalArgumentException("vector must have at least one dimension");
        }
        if (vector.length > MAX_DIMENSIONS) {
            throw new IllegalArgumentException("vector has " + vector.length + " dimensions; at most "
                    + MAX_DIMENSIONS + " are allowed");
        }
        for (float v : vector) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("vector contains a non-finite value");
            }
        }
        if (norm(vector) == 0) {
            throw new IllegalArgumentException("vector must not be all zeros (cosine similarity is undefined)");
        }
    }

    /** A unit-length copy. */
    public static float[] normalized(float[] vector) {
        double norm = norm(vector);
        float[] unit = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            unit[i] = (float) (vector[i] / norm);
        }
        return unit;
    }

    private static double norm(float[] vector) {
        double sum = 0;
        for (float v : vector) {
            sum += (double) v * v;
        }
        return Math.sqrt(sum);
    }
}
