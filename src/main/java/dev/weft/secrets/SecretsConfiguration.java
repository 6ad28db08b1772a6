package dev.weft.secrets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one {@link SecretStore}, from {@code weft.encryption-key}; says at startup how secrets are kept. */
@Configuration(proxyBeanMethods = false)
class SecretsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecretsConfiguration.class);

    @Bean
    SecretStore secretStore(@Value("${weft.encryption-key:}") String encryptionKey) {
        if (encryptionKey == null || encryptionKey.isBlank()) {
            log.warn("No encryption key: webhook signing secrets are stored unencrypted and apps cannot store"
                    + " provider keys of their own. Fine on your own machine; elsewhere set WEFT_ENCRYPTION_KEY"
                    + " (openssl rand -base64 32).");
            return new SecretStore(null);
        }
        log.info("secrets at rest (provider keys, webhook signing secrets) are encrypted with AES-256-GCM");
        return new SecretStore(KeyCipher.fromSecret(encryptionKey));
    }
}
