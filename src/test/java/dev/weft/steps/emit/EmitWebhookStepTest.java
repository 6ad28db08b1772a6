package dev.weft.steps.emit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.common.Json;
import dev.weft.outbound.OutboundPolicy;
import dev.weft.outbound.SafeHttpClient;
import dev.weft.steps.StepContext;
import dev.weft.steps.StepResult;
import dev.weft.steps.StepResult.PermanentFailure;
import dev.weft.steps.StepResult.RetryableFailure;
import dev.weft.steps.StepResult.Succeeded;
import dev.weft.steps.ai.TestHttpServer;
import dev.weft.signing.StandardWebhooks;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class EmitWebhookStepTest {

    static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    static final String SECRET = StandardWebhooks.newSecret();

    final TestHttpServer receiver = new TestHttpServer();
    final SafeHttpClient http = TestHttpServer.allowingLocalhost();
    final EmitWebhookStep step = new EmitWebhookStep(http, appId -> appId.equals("app-a") ? List.of(SECRET) : List.of(),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @AfterEach
    void stop() {
        receiver.close();
        http.close();
    }

    StepContext context(String appId, String runId, String input) {
        return new StepContext(appId, runId, "notify", 1, Json.parse(input), NOW);
    }

    String input(String extra) {
        return "{\"url\": \"" + receiver.url("/hook") + "\", \"payload\": {\"orderId\": 42}" + extra + "}";
    }

    @Test
    void deliversASignedEnvelopeThatVerifiesWithTheAppsSecret() {
        receiver.answer(200, Map.of(), "thanks".getBytes(StandardCharsets.UTF_8));

        StepResult result = step.execute(context("app-a", "run-1",
                input(", \"event\": \"order.ready\", \"headers\": {\"X-Tenant\": \"t1\"}")));

        TestHttpServer.Received delivery = receiver.received().getFirst();
        String body = new String(delivery.body(), StandardCharsets.UTF_8);
        assertThat(StandardWebhooks.verify(SECRET, delivery.headers(), body, NOW.getEpochSecond(), 300)).isTrue();
        JsonNode envelope = Json.parse(body);
        assertThat(envelope.get("type").asString()).isEqualTo("order.ready");
        assertThat(envelope.get("data").get("orderId").asInt()).isEqualTo(42);
        assertThat(delivery.headers()).containsEntry("x-tenant", "t1").containsEntry("content-type", "application/json");
        assertThat(result).isInstanceOfSatisfying(Succeeded.class, s -> {
            assertThat(s.output().get("statusCode").asInt()).isEqualTo(200);
            assertThat(s.output().get("webhookId").asString()).isEqualTo(delivery.headers().get("webhook-id"));
            assertThat(s.output().get("responseBody").asString()).isEqualTo("thanks");
            assertThat(s.output().get("signed").asBoolean()).isTrue();
        });
    }

    @Test
    void aRetriedStepSendsTheSameWebhookIdAndAnotherStepADifferentOne() {
        step.execute(context("app-a", "run-1", input("")));
        step.execute(context("app-a", "run-1", input("")));
        step.execute(context("app-a", "run-2", input("")));

        List<String> ids = receiver.received().stream().map(r -> r.headers().get("webhook-id")).toList();
        assertThat(ids.get(0)).startsWith("msg_").isEqualTo(ids.get(1)).isNotEqualTo(ids.get(2));
    }

    @Test
    void aServerErrorIsRetryableHonouringRetryAfter() {
        receiver.answer(500, Map.of("Retry-After", "30"), new byte[0]);

        assertThat(step.execute(context("app-a", "run-1", input(""))))
                .isInstanceOfSatisfying(RetryableFailure.class, f -> {
                    assertThat(f.code()).isEqualTo("WEBHOOK_FAILED");
                    assertThat(f.retryAfterMillis()).isEqualTo(30_000L);
                    assertThat(f.message()).contains("step 'notify'", "500");
                });
    }

    @Test
    void aClientErrorIsPermanent() {
        receiver.answer(400, Map.of(), "bad payload".getBytes(StandardCharsets.UTF_8));

        assertThat(step.execute(context("app-a", "run-1", input(""))))
                .isInstanceOfSatisfying(PermanentFailure.class, f -> {
                    assertThat(f.code()).isEqualTo("WEBHOOK_REJECTED");
                    assertThat(f.message()).contains("400", "bad payload");
                });
    }

    @Test
    void aHostOutsideTheOutboundPolicyIsBlockedPermanentlyWithoutAConnection() {
        try (SafeHttpClient strict = TestHttpServer.client(OutboundPolicy.fromAllowHostsSetting(""))) {
            EmitWebhookStep guarded = new EmitWebhookStep(strict, appId -> List.of(SECRET), Clock.systemUTC());

            assertThat(guarded.execute(context("app-a", "run-1", input(""))))
                    .isInstanceOfSatisfying(PermanentFailure.class,
                            f -> assertThat(f.code()).isEqualTo("DESTINATION_BLOCKED"));
        }
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void refusesToOverrideWebhookHeaders() {
        assertThat(step.execute(context("app-a", "run-1", input(", \"headers\": {\"Webhook-Id\": \"forged\"}"))))
                .isInstanceOfSatisfying(PermanentFailure.class, f -> {
                    assertThat(f.code()).isEqualTo("INVALID_HEADER");
                    assertThat(f.message()).contains("Webhook-Id");
                });
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void anAppWithoutSecretsDeliversUnsignedAndSaysSo() {
        assertThat(step.execute(context("app-b", "run-1", input(""))))
                .isInstanceOfSatisfying(Succeeded.class,
                        s -> assertThat(s.output().get("signed").asBoolean()).isFalse());
        assertThat(receiver.received().getFirst().headers()).containsKey("webhook-id")
                .doesNotContainKey("webhook-signature");
    }
}
