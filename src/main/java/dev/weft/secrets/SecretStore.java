package dev.weft.secrets;

import java.util.Optional;

/**
 * Seals and opens secrets kept in the database. With an encryption key every secret written is
 * sealed; a plaintext written before the key was configured is still read (and sealed again by
 * whoever rewrites it). Without a key secrets are written as they are, which startup announces.
 */
public final class SecretStore {

    private final KeyCipher cipher;

    /** @param cipher null when no encryption key is configured */
    public SecretStore(KeyCipher cipher) {
        this.cipher = cipher;
    }

    public boolean encrypting() {
        return cipher != null;
    }

    public Optional<KeyCipher> cipher() {
        return Optional.ofNullable(cipher);
    }

    /** The form to store: sealed for {@code context} when a key is configured, else the plaintext. */
    public String seal(String plaintext, String context) {
        return plaintext == null || cipher == null ? plaintext : cipher.encrypt(plaintext, context);
    }

    /**
     * The plaintext of a stored value.
     *
     * @throws IllegalStateException when the value is sealed and no key, or another key, is configured
     */
    public String open(String stored, String context) {
        if (stored == null || !KeyCipher.isSealed(stored)) {
            return stored;
        }
        if (cipher == null) {
            throw new IllegalStateException("a stored secret is encrypted but no encryption key is configured"
                    + " (weft.encryption-key / WEFT_ENCRYPTION_KEY)");
        }
        return cipher.decrypt(stored, context);
    }
}
