package dev.weft.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiKeysTest {

    @Test
    void generatesDistinctBase64UrlKeysWithThePrefix() {
        String key = ApiKeys.generate();

        assertThat(key).matches("wk_[A-Za-z0-9_-]{43}");
        assertThat(ApiKeys.generate()).isNotEqualTo(key);
        assertThat(ApiKeys.displayPrefix(key)).isEqualTo(key.substring(0, 10));
    }

    @Test
    void hashesWithSha256Hex() {
        assertThat(ApiKeys.hash("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void comparesSecretsOfAnyLength() {
        assertThat(ApiKeys.constantTimeEquals("token", "token")).isTrue();
        assertThat(ApiKeys.constantTimeEquals("token", "token2")).isFalse();
        assertThat(ApiKeys.constantTimeEquals("", "token")).isFalse();
    }
}
