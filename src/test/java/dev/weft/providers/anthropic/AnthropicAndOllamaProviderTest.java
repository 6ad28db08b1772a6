package dev.weft.providers.anthropic;

import dev.weft.outbound.ProviderHttp;
import dev.weft.outbound.OutboundPolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.weft.providers.ProviderCredentials;
import dev.weft.providers.ProviderException;
import dev.weft.providers.TextGenerator;
import dev.weft.providers.ollama.OllamaProvider;
import dev.weft.providers.wire.Wire;
import dev.weft.providers.wire.WireServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AnthropicAndOllamaProviderTest {

    /** The wire servers listen on 127.0.0.1, which the policy allows as an operator would for a local gateway. */
    static final ProviderHttp HTTP = new ProviderHttp(new OutboundPolicy(java.util.List.of("127.0.0.1")));


    static final String KEY = "sk-ant-test-0123456789abcdef";

    final WireServer server = new WireServer();
    final AnthropicProvider anthropic = new AnthropicProvider(HTTP, Duration.ofSeconds(2), null, null);
    final OllamaProvider ollama = new OllamaProvider(HTTP, Duration.ofSeconds(2), null, null, null);
    final ProviderCredentials credentials = ProviderCredentials.fromApp(KEY, server.url());

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void anthropicGeneratesTextThroughMessagesWithTheKeyHeader() {
        server.on("/v1/messages", 200, Wire.anthropicMessage("Hello!", "end_turn"));

        var text = anthropic.text(credentials).generate(new TextGenerator.Request("Hi", "Be brief", null, null, 0.5));

        assertThat(text.text()).isEqualTo("Hello!");
        assertThat(text.inputTokens()).isEqualTo(12);
        assertThat(text.outputTokens()).isEqualTo(6);
        var request = server.last();
        assertThat(request.header("x-api-key")).isEqualTo(KEY);
        assertThat(request.header("anthropic-version")).isNotBlank();
        assertThat(request.json().get("max_tokens").asInt()).isEqualTo(1024);
        assertThat(request.json().get("system").isString() || request.json().get("system").isArray()).isTrue();
        assertThat(request.json().get("messages").get(0).get("role").asString()).isEqualTo("user");
    }

    @Test
    void anthropicOverloadedIsRetryableAndRefusalIsPermanent() {
        server.on("/v1/messages", 529, Wire.anthropicError("overloaded_error", "Overloaded"));
        ProviderException overloaded = catchThrowableOfType(ProviderException.class,
                () -> anthropic.text(credentials).generate(new TextGenerator.Request("Hi", null, null, null, null)));
        assertThat(overloaded.retryable()).isTrue();
        assertThat(overloaded.code()).isEqualTo("PROVIDER_UNAVAILABLE");

        server.on("/v1/messages", 200, Wire.anthropicMessage("", "refusal"));
        server.received().clear();
        ProviderException refused = catchThrowableOfType(ProviderException.class,
                () -> anthropic.text(credentials).generate(new TextGenerator.Request("Hi", null, null, null, null)));
        assertThat(refused.code()).isIn("CONTENT_REFUSED", "PROVIDER_UNAVAILABLE");
    }

    @Test
    void anthropicRateLimitHonoursRetryAfterAndBadKeyIsAuthenticationFailed() {
        server.on("/v1/messages", 429, Map.of("retry-after", "3"), Wire.anthropicError("rate_limit_error", "Rate limited"));
        ProviderException limited = catchThrowableOfType(ProviderException.class,
                () -> anthropic.text(credentials).generate(new TextGenerator.Request("Hi", null, null, null, null)));
        assertThat(limited.retryAfterMillis()).isEqualTo(3000L);

        WireServer other = new WireServer().on("/v1/messages", 401,
                Wire.anthropicError("authentication_error", "invalid x-api-key"));
        try (other) {
            ProviderException bad = catchThrowableOfType(ProviderException.class, () -> anthropic
                    .text(ProviderCredentials.fromApp(KEY, other.url()))
                    .generate(new TextGenerator.Request("Hi", null, null, null, null)));
            assertThat(bad.code()).isEqualTo("AUTHENTICATION_FAILED");
            assertThat(bad.getMessage()).doesNotContain(KEY);
        }
    }

    @Test
    void anthropicVisionSendsABase64ImageBlock() {
        server.on("/v1/messages", 200, Wire.anthropicMessage("{\"caption\": \"A cat.\", \"tags\": [\"cat\"]}", "end_turn"));

        var d = anthropic.vision(credentials).describe(new byte[] {1, 2, 3}, "image/png", null);

        assertThat(d.caption()).isEqualTo("A cat.");
        var block = server.last().json().get("messages").get(0).get("content").get(0);
        assertThat(block.get("type").asString()).isEqualTo("image");
        assertThat(block.get("source").get("type").asString()).isEqualTo("base64");
        assertThat(block.get("source").get("data").asString()).isEqualTo("AQID");
    }

    @Test
    void ollamaChatsAndEmbedsThroughTheNativeApi() {
        server.on("/api/chat", 200, Wire.ollamaChat("The sky is blue."));
        server.on("/api/embed", 200, Wire.ollamaEmbed());
        ProviderCredentials local = ProviderCredentials.fromApp(null, server.url());

        var text = ollama.text(local).generate(new TextGenerator.Request("Why is the sky blue?", null, null, 20, null));
        float[] v = ollama.embedder(local, null).embed("hello");

        assertThat(text.text()).isEqualTo("The sky is blue.");
        assertThat(text.inputTokens()).isEqualTo(26);
        assertThat(text.outputTokens()).isEqualTo(298);
        assertThat(v).containsExactly(0.6f, 0.8f);
        var chat = server.received().getFirst().json();
        assertThat(chat.get("stream").asBoolean()).isFalse();
        assertThat(chat.get("model").asString()).isEqualTo("llama3.2");
        assertThat(chat.get("options").get("num_predict").asInt()).isEqualTo(20);
        assertThat(server.last().json().get("model").asString()).isEqualTo("nomic-embed-text");
    }

    @Test
    void ollamaSendsEachAppsOwnKeyToTheSameBaseUrl() {
        server.on("/api/chat", 200, Wire.ollamaChat("ok"));
        var request = new TextGenerator.Request("Hi", null, null, null, null);

        ollama.text(ProviderCredentials.fromApp("app-a-key-0123456789", server.url())).generate(request);
        ollama.text(ProviderCredentials.fromApp("app-b-key-0123456789", server.url())).generate(request);
        ollama.text(ProviderCredentials.fromApp(null, server.url())).generate(request);

        assertThat(server.received()).extracting(r -> r.header("Authorization"))
                .containsExactly("Bearer app-a-key-0123456789", "Bearer app-b-key-0123456789", null);
    }

    @Test
    void ollamaServerErrorIsRetryableAndMalformedJsonIsReported() {
        server.on("/api/chat", 500, "{\"error\":\"model runner crashed\"}");
        ProviderCredentials local = ProviderCredentials.fromApp(null, server.url());
        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> ollama.text(local).generate(new TextGenerator.Request("Hi", null, null, null, null)));
        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).contains("model runner crashed");

        server.on("/api/embed", 200, "{\"embeddings\": [[0.1,");
        ProviderException malformed = catchThrowableOfType(ProviderException.class,
                () -> ollama.embedder(local, null).embed("x"));
        assertThat(malformed.code()).isEqualTo("INVALID_PROVIDER_RESPONSE");
    }
}
