package dev.weft.steps.ai;

import dev.weft.outbound.ProviderHttp;
import dev.weft.outbound.OutboundPolicy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.common.Json;
import dev.weft.providers.RemoteProvider;
import dev.weft.providers.anthropic.AnthropicProvider;
import dev.weft.providers.config.ProvidersProperties;
import dev.weft.providers.config.ProvidersProperties.Endpoint;
import dev.weft.providers.local.PlaceholderTextGenerator;
import dev.weft.providers.openai.OpenAiProvider;
import dev.weft.providers.wire.Wire;
import dev.weft.providers.wire.WireServer;
import dev.weft.steps.StepContext;
import dev.weft.steps.StepResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FallbackChainTest {

    final WireServer openai = new WireServer();
    final WireServer anthropic = new WireServer();
    final List<RemoteProvider> remotes = List.of(
            new OpenAiProvider("openai", new ProviderHttp(OutboundPolicy.strict()), Duration.ofSeconds(2), null, null, null, null, null, false),
            new AnthropicProvider(new ProviderHttp(OutboundPolicy.strict()), Duration.ofSeconds(2), null, null));
    final ProvidersProperties properties = new ProvidersProperties(null, null, null, null, null,
            new Endpoint("sk-openai-test-000000", openai.url() + "/v1", null, null, null, null, null, null),
            new Endpoint("sk-ant-test-0000000000", anthropic.url(), null, null, null, null, null, null), null);
    final TextGenerateStep step = new TextGenerateStep(TestingCalls.of(List.of(new PlaceholderTextGenerator()),
            List.of(), List.of(), List.of(), remotes, properties));

    @AfterEach
    void close() {
        openai.close();
        anthropic.close();
    }

    StepContext context(String input) {
        return new StepContext("app", "run-1", "write", 1, Json.parse(input), Instant.now());
    }

    @Test
    void fallsBackToTheNextProviderWhenTheFirstFailsWithA5xx() {
        openai.on("/v1/chat/completions", 500, Wire.openAiError("boom", "server_error", null));
        anthropic.on("/v1/messages", 200, Wire.anthropicMessage("From Claude", "end_turn"));

        StepResult result = step.execute(context("""
                {"prompt": "Hi", "provider": "openai", "fallbacks": [{"provider": "anthropic", "model": "claude-haiku-4-5"}]}"""));

        assertThat(result).isInstanceOf(StepResult.Succeeded.class);
        var out = ((StepResult.Succeeded) result).output();
        assertThat(out.get("text").asString()).isEqualTo("From Claude");
        assertThat(out.get("provider").asString()).isEqualTo("anthropic");
        assertThat(out.get("usage").get("inputTokens").asInt()).isEqualTo(12);
        assertThat(out.get("usage").get("costUsd").asDouble()).isGreaterThan(0);
        assertThat(out.get("fallbackFailures").get(0).asString()).startsWith("openai: ");
        assertThat(anthropic.last().json().get("model").asString()).isEqualTo("claude-haiku-4-5");
    }

    @Test
    void doesNotFallBackWhenTheRequestItselfIsRefused() {
        openai.on("/v1/chat/completions", 200, Wire.openAiChat(null, "content_filter"));
        anthropic.on("/v1/messages", 200, Wire.anthropicMessage("From Claude", "end_turn"));

        StepResult result = step.execute(context("""
                {"prompt": "Hi", "provider": "openai", "fallbacks": [{"provider": "anthropic"}]}"""));

        assertThat(result).isInstanceOfSatisfying(StepResult.PermanentFailure.class,
                f -> assertThat(f.code()).isEqualTo("CONTENT_REFUSED"));
        assertThat(anthropic.received()).isEmpty();
    }

    @Test
    void whenEveryProviderIsRateLimitedTheStepIsRetriedAfterTheShortestRetryAfter() {
        openai.on("/v1/chat/completions", 429, Map.of("Retry-After", "20"), Wire.openAiError("slow down", "requests", null));
        anthropic.on("/v1/messages", 429, Map.of("retry-after", "5"), Wire.anthropicError("rate_limit_error", "slow"));

        StepResult result = step.execute(context("""
                {"prompt": "Hi", "provider": "openai", "fallbacks": [{"provider": "anthropic"}]}"""));

        assertThat(result).isInstanceOfSatisfying(StepResult.RetryableFailure.class, f -> {
            assertThat(f.code()).isEqualTo("RATE_LIMITED");
            assertThat(f.retryAfterMillis()).isEqualTo(5000L);
            assertThat(f.message()).contains("step 'write'").contains("openai").contains("anthropic");
        });
    }
}
