package dev.weft.providers.local;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A deterministic pseudo-random sequence derived from a prompt (SHA-256 seed, SplitMix64 steps).
 * The placeholders use it instead of {@code java.util.Random} so their output is the same on
 * every JVM and machine, not just within one process.
 */
final class PromptSeed {

    private long state;

    PromptSeed(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                sha.update((part == null ? "" : part).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0); // separator, so ("ab", "c") and ("a", "bc") differ
            }
            byte[] d = sha.digest();
            for (int i = 0; i < 8; i++) {
                state = (state << 8) | (d[i] & 0xFF);
            }
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JRE", e);
        }
    }

    long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, bound). */
    int nextInt(int bound) {
        return (int) Math.floorMod(nextLong(), (long) bound);
    }

    /** Uniform in [0, 1). */
    float nextFloat() {
        return (nextLong() >>> 40) / (float) (1 << 24);
    }
}
