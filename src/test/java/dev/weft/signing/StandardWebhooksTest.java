package dev.weft.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StandardWebhooksTest {

    // The example published with the Standard Webhooks reference libraries.
    private static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String SPEC_MSG_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long SPEC_TIMESTAMP = 1614265330L;
    private static final String SPEC_BODY = "{\"test\": 2432232314}";
    private static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static final long NOW = 1_700_000_000L;
    private static final long TOLERANCE = 300;

    @Test
    void reproducesThePublishedSpecificationSignature() {
        assertThat(StandardWebhooks.sign(SPEC_SECRET, SPEC_MSG_ID, SPEC_TIMESTAMP, SPEC_BODY)).isEqualTo(SPEC_SIGNATURE);
    }

    @Test
    void acceptsTheSecretWithoutItsPrefixAsTheReferenceLibrariesDo() {
        String bare = SPEC_SECRET.substring("whsec_".length());

        assertThat(StandardWebhooks.sign(bare, SPEC_MSG_ID, SPEC_TIMESTAMP, SPEC_BODY)).isEqualTo(SPEC_SIGNATURE);
    }

    @Test
    void verifiesThePublishedSpecificationExample() {
        Map<String, String> headers = StandardWebhooks.headers(SPEC_MSG_ID, SPEC_TIMESTAMP, List.of(SPEC_SIGNATURE));

        assertThat(StandardWebhooks.verify(SPEC_SECRET, headers, SPEC_BODY, SPEC_TIMESTAMP + 10, TOLERANCE)).isTrue();
    }

    @Test
    void newSecretsArePrefixedBase64Of32RandomBytes() {
        String secret = StandardWebhooks.newSecret();

        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
        assertThat(StandardWebhooks.newSecret()).isNotEqualTo(secret);
    }

    @Test
    void headersCarryIdTimestampAndSpaceSeparatedSignatures() {
        Map<String, String> headers = StandardWebhooks.headers("msg_1", NOW, List.of("v1,a", "v1,b"));

        assertThat(headers).containsExactlyInAnyOrderEntriesOf(Map.of(
                "webhook-id", "msg_1",
                "webhook-timestamp", "1700000000",
                "webhook-signature", "v1,a v1,b"));
    }

    @Test
    void aSignedDeliveryVerifiesWithTheSameSecret() {
        String secret = StandardWebhooks.newSecret();
        String body = "{\"runId\":\"run_1\",\"status\":\"completed\"}";
        Map<String, String> headers = signed(secret, "msg_1", NOW, body);

        assertThat(StandardWebhooks.verify(secret, headers, body, NOW, TOLERANCE)).isTrue();
    }

    @Test
    void aTamperedBodyIsRejected() {
        String secret = StandardWebhooks.newSecret();
        Map<String, String> headers = signed(secret, "msg_1", NOW, "{\"status\":\"failed\"}");

        assertThat(StandardWebhooks.verify(secret, headers, "{\"status\":\"completed\"}", NOW, TOLERANCE)).isFalse();
    }

    @Test
    void anotherSecretIsRejected() {
        Map<String, String> headers = signed(StandardWebhooks.newSecret(), "msg_1", NOW, "{}");

        assertThat(StandardWebhooks.verify(StandardWebhooks.newSecret(), headers, "{}", NOW, TOLERANCE)).isFalse();
    }

    @Test
    void aTimestampOutsideTheToleranceIsRejectedEitherWay() {
        String secret = StandardWebhooks.newSecret();
        Map<String, String> stale = signed(secret, "msg_1", NOW - TOLERANCE - 1, "{}");
        Map<String, String> future = signed(secret, "msg_1", NOW + TOLERANCE + 1, "{}");
        Map<String, String> edge = signed(secret, "msg_1", NOW - TOLERANCE, "{}");

        assertThat(StandardWebhooks.verify(secret, stale, "{}", NOW, TOLERANCE)).isFalse();
        assertThat(StandardWebhooks.verify(secret, future, "{}", NOW, TOLERANCE)).isFalse();
        assertThat(StandardWebhooks.verify(secret, edge, "{}", NOW, TOLERANCE)).isTrue();
    }

    @Test
    void aChangedMessageIdOrTimestampIsRejected() {
        String secret = StandardWebhooks.newSecret();
        Map<String, String> headers = new HashMap<>(signed(secret, "msg_1", NOW, "{}"));
        headers.put("webhook-id", "msg_2");

        assertThat(StandardWebhooks.verify(secret, headers, "{}", NOW, TOLERANCE)).isFalse();

        headers.put("webhook-id", "msg_1");
        headers.put("webhook-timestamp", Long.toString(NOW + 1));
        assertThat(StandardWebhooks.verify(secret, headers, "{}", NOW, TOLERANCE)).isFalse();
    }

    @Test
    void duringRotationEitherSecretVerifiesADeliverySignedWithBoth() {
        String oldSecret = StandardWebhooks.newSecret();
        String newSecret = StandardWebhooks.newSecret();
        String body = "{}";
        Map<String, String> headers = StandardWebhooks.headers("msg_1", NOW, List.of(
                StandardWebhooks.sign(oldSecret, "msg_1", NOW, body),
                StandardWebhooks.sign(newSecret, "msg_1", NOW, body)));

        assertThat(StandardWebhooks.verify(oldSecret, headers, body, NOW, TOLERANCE)).isTrue();
        assertThat(StandardWebhooks.verify(newSecret, headers, body, NOW, TOLERANCE)).isTrue();
        assertThat(StandardWebhooks.verify(StandardWebhooks.newSecret(), headers, body, NOW, TOLERANCE)).isFalse();
    }

    @Test
    void headerNamesAreMatchedCaseInsensitively() {
        String secret = StandardWebhooks.newSecret();
        Map<String, String> headers = Map.of(
                "Webhook-Id", "msg_1",
                "Webhook-Timestamp", Long.toString(NOW),
                "Webhook-Signature", StandardWebhooks.sign(secret, "msg_1", NOW, "{}"));

        assertThat(StandardWebhooks.verify(secret, headers, "{}", NOW, TOLERANCE)).isTrue();
    }

    @Test
    void missingOrMalformedHeadersAreRejected() {
        String secret = StandardWebhooks.newSecret();
        String signature = StandardWebhooks.sign(secret, "msg_1", NOW, "{}");

        assertThat(StandardWebhooks.verify(secret, Map.of("webhook-id", "msg_1", "webhook-signature", signature),
                "{}", NOW, TOLERANCE)).isFalse();
        assertThat(StandardWebhooks.verify(secret, Map.of("webhook-id", "msg_1", "webhook-timestamp", "soon",
                "webhook-signature", signature), "{}", NOW, TOLERANCE)).isFalse();
        assertThat(StandardWebhooks.verify(secret, Map.of("webhook-id", "msg_1",
                "webhook-timestamp", Long.toString(NOW), "webhook-signature", "v1,not*base64 v2,x"),
                "{}", NOW, TOLERANCE)).isFalse();
    }

    @Test
    void aSecretThatIsNotBase64IsAConfigurationError() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> StandardWebhooks.sign("whsec_not base64!", "msg_1", NOW, "{}"));
    }

    private static Map<String, String> signed(String secret, String msgId, long timestamp, String body) {
        return StandardWebhooks.headers(msgId, timestamp, List.of(StandardWebhooks.sign(secret, msgId, timestamp, body)));
    }
}
