package dev.weft.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.weft.engine.RunStatus;
import dev.weft.signing.StandardWebhooks;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class SecretRotationTest extends WebhookHttpTest {

    @Autowired
    WebhookSecrets secrets;

    @Test
    void createsOneSecretPerAppOnFirstUse() {
        String key = newApp();

        Response first = call(key, "GET", "/v1/webhooks/secret", null);
        Response second = call(key, "GET", "/v1/webhooks/secret", null);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("secret").asString()).startsWith("whsec_");
        assertThat(first.json().get("rotatedAt").asString()).isNotBlank();
        assertThat(second.json().get("secret")).isEqualTo(first.json().get("secret"));
        assertThat(call(newApp(), "GET", "/v1/webhooks/secret", null).json().get("secret"))
                .isNotEqualTo(first.json().get("secret"));
    }

    @Test
    void signsWithTheOldAndTheNewSecretDuringTheGracePeriod() {
        String key = newApp();
        Receiver receiver = receiver();
        String old = call(key, "GET", "/v1/webhooks/secret", null).json().get("secret").asString();

        Response rotated = call(key, "POST", "/v1/webhooks/secret/rotate", null);
        String fresh = rotated.json().get("secret").asString();
        finishRun(key, RunStatus.COMPLETED, receiver.url("/hook"));

        assertThat(rotated.status()).isEqualTo(200);
        assertThat(fresh).isNotEqualTo(old).startsWith("whsec_");
        assertThat(rotated.json().get("previousValidUntil")).isNotNull();
        assertThat(call(key, "GET", "/v1/webhooks/secret", null).json().get("secret").asString()).isEqualTo(fresh);
        await().atMost(Duration.ofSeconds(5)).until(() -> !receiver.received().isEmpty());
        Receiver.Request request = receiver.received().getFirst();
        assertThat(request.headers().get("webhook-signature").split(" ")).hasSize(2);
        long now = Instant.now().getEpochSecond();
        assertThat(StandardWebhooks.verify(fresh, request.headers(), request.body(), now, 300)).isTrue();
        assertThat(StandardWebhooks.verify(old, request.headers(), request.body(), now, 300)).isTrue();
    }

    @Test
    void stopsSigningWithThePreviousSecretAfterTheGracePeriod() {
        String key = newApp();
        String appId = appIdOf(key);
        call(key, "POST", "/v1/webhooks/secret/rotate", null);

        assertThat(secrets.signingSecrets(appId, Instant.now())).hasSize(2);
        assertThat(secrets.signingSecrets(appId, Instant.now().plus(Duration.ofHours(25))))
                .containsExactly(call(key, "GET", "/v1/webhooks/secret", null).json().get("secret").asString());
    }
}
