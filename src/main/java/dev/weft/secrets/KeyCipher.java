package dev.weft.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for secrets at rest (apps' provider keys, webhook signing secrets), keyed by
 * {@code weft.encryption-key}. Each value gets a fresh 96-bit nonce; the app and provider
 * are authenticated as associated data, so a ciphertext copied to another row does not decrypt.
 * Stored form: {@code v1:} + base64(nonce || ciphertext || tag).
 */
public final class KeyCipher {

    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    private KeyCipher(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /**
     * @param secret base64 of 32 random bytes (e.g. {@code openssl rand -base64 32}), or a passphrase of at
     *               least 32 characters, which is hashed with SHA-256
     */
    public static KeyCipher fromSecret(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("encryption key is not set");
        }
        try {
            byte[] decoded = Base64.getDecoder().decode(secret.strip());
            if (decoded.length == 32) {
                return new KeyCipher(decoded);
            }
        } catch (IllegalArgumentException notBase64) {
            // a passphrase
        }
        if (secret.strip().length() < 32) {
            throw new IllegalArgumentException(
                    "weft.encryption-key must be base64 of 32 bytes or a passphrase of at least 32 characters");
        }
        try {
            return new KeyCipher(MessageDigest.getInstance("SHA-256").digest(secret.strip().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String encrypt(String plaintext, String associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, associatedData);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    /** Whether a stored value is sealed (rather than a plaintext written before encryption was configured). */
    public static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    /** @throws IllegalStateException when the value was sealed with another key or for another row */
    public String decrypt(String stored, String associatedData) {
        if (!stored.startsWith(PREFIX)) {
            throw new IllegalStateException("unknown key format");
        }
        byte[] all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(all, NONCE_BYTES), associatedData);
            return new String(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a stored secret cannot be decrypted with the configured encryption key");
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String associatedData) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(128, nonce));
        cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
