package dev.weft.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class KeyCipherTest {

    final KeyCipher cipher = KeyCipher.fromSecret(Base64.getEncoder().encodeToString(new byte[32]));

    @Test
    void roundTripsAKeyWithoutStoringItInClear() {
        String sealed = cipher.encrypt("sk-secret-value-1234", "app-1/openai");

        assertThat(sealed).startsWith("v1:").doesNotContain("sk-secret");
        assertThat(cipher.encrypt("sk-secret-value-1234", "app-1/openai")).isNotEqualTo(sealed);
        assertThat(cipher.decrypt(sealed, "app-1/openai")).isEqualTo("sk-secret-value-1234");
    }

    @Test
    void refusesACiphertextMovedToAnotherAppOrReadWithAnotherKey() {
        String sealed = cipher.encrypt("sk-secret-value-1234", "app-1/openai");
        KeyCipher other = KeyCipher.fromSecret("a passphrase that is long enough to be a key!");

        assertThatThrownBy(() -> cipher.decrypt(sealed, "app-2/openai")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> other.decrypt(sealed, "app-1/openai")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesAShortSecret() {
        assertThatThrownBy(() -> KeyCipher.fromSecret("short")).isInstanceOf(IllegalArgumentException.class);
    }
}
