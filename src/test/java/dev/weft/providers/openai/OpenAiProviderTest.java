package dev.weft.providers.openai;

import dev.weft.outbound.ProviderHttp;
import dev.weft.outbound.OutboundPolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.weft.providers.ContentModerator.ModerationResult;
import dev.weft.providers.ImageGenerator;
import dev.weft.providers.ProviderCredentials;
import dev.weft.providers.ProviderException;
import dev.weft.providers.TextGenerator;
import dev.weft.providers.TextGenerator.GeneratedText;
import dev.weft.providers.wire.Wire;
import dev.weft.providers.wire.WireServer;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenAiProviderTest {

    /** The wire servers listen on 127.0.0.1, which the policy allows as an operator would for a local gateway. */
    static final ProviderHttp HTTP = new ProviderHttp(new OutboundPolicy(java.util.List.of("127.0.0.1")));


    static final String KEY = "sk-test-0123456789abcdef";

    final WireServer server = new WireServer();
    final OpenAiProvider provider = new OpenAiProvider("openai", HTTP, Duration.ofMillis(1500), null, null, null, null, null, false);
    final ProviderCredentials credentials = ProviderCredentials.fromApp(KEY, server.url() + "/v1");

    @AfterEach
    void close() {
        server.close();
    }

    TextGenerator.Request prompt() {
        return new TextGenerator.Request("Say hi", "Be brief", null, 50, 0.2);
    }

    @Test
    void generatesTextThroughChatCompletionsWithTheKeyAsBearerToken() {
        server.on("/v1/chat/completions", 200, Wire.openAiChat("Hi there!", "stop"));

        GeneratedText text = provider.text(credentials).generate(prompt());

        assertThat(text.text()).isEqualTo("Hi there!");
        assertThat(text.model()).isEqualTo("gpt-4o-mini-2024-07-18");
        assertThat(text.inputTokens()).isEqualTo(19);
        assertThat(text.outputTokens()).isEqualTo(10);
        assertThat(text.placeholder()).isFalse();
        var request = server.last();
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(request.json().get("model").asString()).isEqualTo("gpt-4o-mini");
        assertThat(request.json().get("messages").get(0).get("role").asString()).isEqualTo("system");
        assertThat(request.json().get("messages").get(1).get("content").asString()).isEqualTo("Say hi");
        assertThat(request.json().get("max_completion_tokens").asInt()).isEqualTo(50);
    }

    @Test
    void rateLimitIsRetryableAndCarriesRetryAfter() {
        server.on("/v1/chat/completions", 429, Map.of("Retry-After", "7"),
                Wire.openAiError("Rate limit reached for gpt-4o-mini", "requests", "rate_limit_exceeded"));

        ProviderException e = catchThrowableOfType(ProviderException.class, () -> provider.text(credentials).generate(prompt()));

        assertThat(e.retryable()).isTrue();
        assertThat(e.code()).isEqualTo("RATE_LIMITED");
        assertThat(e.retryAfterMillis()).isEqualTo(7000L);
        assertThat(server.received()).hasSize(1); // the SDK does not retry on its own; the engine does
    }

    @Test
    void serverErrorIsRetryable() {
        server.on("/v1/chat/completions", 500, Wire.openAiError("The server had an error", "server_error", null));

        ProviderException e = catchThrowableOfType(ProviderException.class, () -> provider.text(credentials).generate(prompt()));

        assertThat(e.retryable()).isTrue();
        assertThat(e.code()).isEqualTo("PROVIDER_UNAVAILABLE");
    }

    @Test
    void aProviderThatDoesNotAnswerInTimeIsARetryableTimeout() {
        server.hang("/v1/chat/completions");

        ProviderException e = catchThrowableOfType(ProviderException.class, () -> provider.text(credentials).generate(prompt()));

        assertThat(e.retryable()).isTrue();
        assertThat(e.code()).isEqualTo("PROVIDER_TIMEOUT");
    }

    @Test
    void malformedJsonIsAnInvalidProviderResponse() {
        server.on("/v1/chat/completions", 200, "{\"id\": \"chatcmpl-1\", \"choices\": [");

        ProviderException e = catchThrowableOfType(ProviderException.class, () -> provider.text(credentials).generate(prompt()));

        assertThat(e.code()).isEqualTo("INVALID_PROVIDER_RESPONSE");
    }

    @Test
    void contentFilterRefusalsArePermanent() {
        server.on("/v1/chat/completions", 200, Wire.openAiChat(null, "content_filter"));
        ProviderException stopped = catchThrowableOfType(ProviderException.class,
                () -> provider.text(credentials).generate(prompt()));

        server.on("/v1/images/generations", 400, Wire.openAiError(
                "Your request was rejected as a result of our safety system.", "invalid_request_error", "content_policy_violation"));
        ProviderException rejected = catchThrowableOfType(ProviderException.class,
                () -> provider.images(credentials).generate(new ImageGenerator.Request("x", 1024, 1024, null)));

        server.on("/v1/images/generations", 400, Wire.openAiError("Your request was blocked by our moderation.",
                "image_generation_user_error", "moderation_blocked"));
        ProviderException blocked = catchThrowableOfType(ProviderException.class,
                () -> provider.images(credentials).generate(new ImageGenerator.Request("x", 1024, 1024, "gpt-image-1")));

        assertThat(stopped.code()).isEqualTo("CONTENT_REFUSED");
        assertThat(stopped.retryable()).isFalse();
        assertThat(rejected.code()).isEqualTo("CONTENT_REFUSED");
        assertThat(rejected.retryable()).isFalse();
        assertThat(blocked.code()).isEqualTo("CONTENT_REFUSED");
        assertThat(blocked.retryable()).isFalse();
    }

    @Test
    void aBadKeyIsAPermanentAuthenticationFailureThatDoesNotEchoTheKey() {
        server.on("/v1/chat/completions", 401, Wire.openAiError(
                "Incorrect API key provided: sk-test-********cdef.", "invalid_request_error", "invalid_api_key"));

        ProviderException e = catchThrowableOfType(ProviderException.class, () -> provider.text(credentials).generate(prompt()));

        assertThat(e.code()).isEqualTo("AUTHENTICATION_FAILED");
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).doesNotContain(KEY).contains("rejected the API key");
    }

    @Test
    void anInvalidRequestIsPermanent() {
        server.on("/v1/chat/completions", 400, Wire.openAiError("Invalid model", "invalid_request_error", "model_not_found"));

        ProviderException e = catchThrowableOfType(ProviderException.class, () -> provider.text(credentials).generate(prompt()));

        assertThat(e.code()).isEqualTo("INVALID_REQUEST");
        assertThat(e.retryable()).isFalse();
    }

    @Test
    void generatesAnImageFromB64Json() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0};
        server.on("/v1/images/generations", 200, Wire.openAiImage(Base64.getEncoder().encodeToString(png)));

        var image = provider.images(credentials).generate(new ImageGenerator.Request("a red fox", 1024, 1024, null));

        assertThat(image.bytes()).isEqualTo(png);
        assertThat(image.contentType()).isEqualTo("image/png");
        assertThat(image.model()).isEqualTo("gpt-image-1");
        assertThat(server.last().json().get("size").asString()).isEqualTo("1024x1024");
        assertThat(server.last().json().has("response_format")).isFalse();
    }

    @Test
    void embedsTextAsANormalisedVector() {
        server.on("/v1/embeddings", 200, Wire.openAiEmbedding());

        float[] v = provider.embedder(credentials, null).embed("hello");

        assertThat(v).containsExactly(0.6f, 0.8f, 0.0f);
        assertThat(server.last().json().get("model").asString()).isEqualTo("text-embedding-3-small");
    }

    @Test
    void moderatesTextWithEveryCategory() {
        server.on("/v1/moderations", 200, Wire.openAiModeration(true));

        ModerationResult result = provider.moderator(credentials).moderate("I will hurt you", null);

        assertThat(result.flagged()).isTrue();
        assertThat(result.flaggedCategories()).containsExactly("violence");
        assertThat(result.categoryScores()).containsEntry("violence", 0.91).containsKey("self-harm/intent");
        assertThat(server.last().json().get("input").asString()).isEqualTo("I will hurt you");
    }

    @Test
    void describesAnImageWithAVisionChatCompletion() {
        server.on("/v1/chat/completions", 200, Wire.openAiChat(
                "{\"caption\": \"A red square.\", \"tags\": [\"red\", \"square\"]}", "stop"));

        var d = provider.vision(credentials).describe(new byte[] {1, 2, 3}, "image/png", null);

        assertThat(d.caption()).isEqualTo("A red square.");
        assertThat(d.tags()).containsExactly("red", "square");
        var parts = server.last().json().get("messages").get(0).get("content");
        assertThat(parts.get(1).get("type").asString()).isEqualTo("image_url");
        assertThat(parts.get(1).get("image_url").get("url").asString()).startsWith("data:image/png;base64,AQID");
    }
}
