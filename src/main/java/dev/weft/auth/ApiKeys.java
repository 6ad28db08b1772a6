package dev.weft.auth;

import dev.weft.common.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Generating and hashing API keys. Pure functions, no storage. */
public final class ApiKeys {

    public static final String PREFIX = "wk_";
    static final int DISPLAY_PREFIX_LENGTH = 10;

    private ApiKeys() {}

    /** A new key: {@code wk_} followed by 32 random bytes in base64url (256 bits of entropy). */
    public static String generate() {
        return PREFIX + Ids.token(32);
    }

    /**
     * SHA-256 hex of the key. A fast unsalted hash is the right tool here, unlike for passwords:
     * generated keys carry 256 random bits, so there is nothing to brute-force or look up in a
     * table, and a fast hash keeps the per-request lookup cheap and lets it use a unique index.
     */
    public static String hash(String key) {
        return HexFormat.of().formatHex(sha256(key));
    }

    /** The first characters of a key, safe to show in listings so a user can tell keys apart. */
    public static String displayPrefix(String key) {
        return key.substring(0, Math.min(DISPLAY_PREFIX_LENGTH, key.length()));
    }

    /** Compares two secrets in time independent of where they differ and of their lengths. */
    public static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(sha256(a), sha256(b));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
