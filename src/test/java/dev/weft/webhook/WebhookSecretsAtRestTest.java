package dev.weft.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.secrets.KeyCipher;
import dev.weft.secrets.SecretStore;
import dev.weft.testsupport.H2TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Webhook signing secrets are sealed at rest when an encryption key is set, and only then. */
class WebhookSecretsAtRestTest {

    private final JdbcClient jdbc = JdbcClient.create(H2TestDatabase.migrated());
    private final WebhookProperties properties = new WebhookProperties(Duration.ofSeconds(1), Duration.ofHours(24), 8,
            List.of(Duration.ofSeconds(5)), 0.2, Duration.ofHours(3), Duration.ofMinutes(5), 100, 32, 20, 262144, true);
    private final SecretStore sealing = new SecretStore(KeyCipher.fromSecret("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="));

    private String newApp() {
        String id = "sec-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("INSERT INTO apps (id, name, created_at) VALUES (?, ?, CURRENT_TIMESTAMP)").params(id, id).update();
        return id;
    }

    private String stored(String appId, String column) {
        return jdbc.sql("SELECT " + column + " FROM webhook_secrets WHERE app_id = ?").param(appId).query(String.class).single();
    }

    @Test
    void withAnEncryptionKeyTheSecretAndThePreviousOneAreStoredSealed() {
        WebhookSecrets secrets = new WebhookSecrets(jdbc, Clock.systemUTC(), properties, sealing);
        String appId = newApp();

        String first = secrets.current(appId).secret();
        String second = secrets.rotate(appId).secret();

        assertThat(first).startsWith("whsec_");
        assertThat(stored(appId, "secret")).startsWith("v1:").doesNotContain(second.substring(6));
        assertThat(stored(appId, "previous_secret")).startsWith("v1:").doesNotContain(first.substring(6));
        assertThat(secrets.signingSecrets(appId, java.time.Instant.now())).containsExactly(second, first);
    }

    @Test
    void secretsStoredInPlainTextBeforeTheKeyWasSetAreSealedAtStartupAndStillSign() {
        String appId = newApp();
        String plain = new WebhookSecrets(jdbc, Clock.systemUTC(), properties, new SecretStore(null)).current(appId).secret();
        assertThat(stored(appId, "secret")).isEqualTo(plain);

        WebhookSecrets sealed = new WebhookSecrets(jdbc, Clock.systemUTC(), properties, sealing);
        sealed.sealPlaintextSecrets();

        assertThat(stored(appId, "secret")).startsWith("v1:");
        assertThat(sealed.current(appId).secret()).isEqualTo(plain);
    }
}
