package dev.weft.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.weft.outbound.OutboundPolicy;
import dev.weft.outbound.ProviderHttp;
import dev.weft.providers.anthropic.AnthropicProvider;
import dev.weft.providers.ollama.OllamaProvider;
import dev.weft.providers.openai.OpenAiProvider;
import dev.weft.providers.wire.Wire;
import dev.weft.providers.wire.WireServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every remote provider's SDK sends through the outbound policy: an app's base URL that redirects
 * to an internal listener, names an internal host or is an internal address literal never reaches
 * it. The "public" provider server is 127.0.0.1, which the policy allows (as an operator allows a
 * gateway); the internal listener is the same loopback reached as {@code localhost} or
 * {@code 127.0.0.2}, which it does not.
 */
class ProviderOutboundPolicyTest {

    static final ProviderHttp HTTP = new ProviderHttp(new OutboundPolicy(List.of("127.0.0.1")));
    static final ProviderHttp STRICT = new ProviderHttp(OutboundPolicy.strict());

    final WireServer provider = new WireServer();
    final WireServer internal = new WireServer();

    @AfterEach
    void close() {
        provider.close();
        internal.close();
    }

    /** One text call per SDK: its name, the path it posts to, the body it expects, and how to make the call. */
    record Sdk(String name, String path, String answer, Function<ProviderCredentials, TextGenerator> text) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> sdks() {
        return sdksOn(HTTP);
    }

    static Stream<Arguments> sdksOn(ProviderHttp http) {
        var openAi = new OpenAiProvider("openai", http, Duration.ofSeconds(5), null, null, null, null, null, false);
        var anthropic = new AnthropicProvider(http, Duration.ofSeconds(5), null, null);
        var ollama = new OllamaProvider(http, Duration.ofSeconds(5), null, null, null);
        return Stream.of(
                Arguments.of(new Sdk("openai", "/v1/chat/completions", Wire.openAiChat("hi", "stop"),
                        c -> openAi.text(c.baseUrl() == null ? c : new ProviderCredentials(c.apiKey(), c.baseUrl() + "/v1",
                                c.operatorConfigured())))),
                Arguments.of(new Sdk("anthropic", "/v1/messages", Wire.anthropicMessage("hi", "end_turn"), anthropic::text)),
                Arguments.of(new Sdk("ollama", "/api/chat", Wire.ollamaChat("hi"), ollama::text)));
    }

    private static TextGenerator.Request hello() {
        return new TextGenerator.Request("Say hi", null, null, 10, null);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("redirects")
    void aRedirectFromAnAppsBaseUrlIsRefusedAndTheInternalListenerHearsNothing(Sdk sdk, int status) {
        internal.on(sdk.path(), 200, sdk.answer());
        provider.on(sdk.path(), status, Map.of("Location", "http://localhost:" + port(internal) + sdk.path()), "");

        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> sdk.text().apply(ProviderCredentials.fromApp("key-0123456789abcdef", provider.url())).generate(hello()));

        assertThat(e.code()).isEqualTo(ProviderErrors.OUTBOUND_BLOCKED);
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("redirect").doesNotContain("Exception");
        assertThat(provider.received()).hasSize(1);
        assertThat(internal.received()).isEmpty();
    }

    static Stream<Arguments> redirects() {
        return sdks().flatMap(a -> Stream.of(303, 307).map(status -> Arguments.of(a.get()[0], status)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sdks")
    void aRedirectFromAnOperatorConfiguredBaseUrlIsRefusedToo(Sdk sdk) {
        internal.on(sdk.path(), 200, sdk.answer());
        provider.on(sdk.path(), 307, Map.of("Location", "http://localhost:" + port(internal) + sdk.path()), "");

        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> sdk.text().apply(ProviderCredentials.fromServer("key-0123456789abcdef", provider.url())).generate(hello()));

        assertThat(e.code()).isEqualTo(ProviderErrors.OUTBOUND_BLOCKED);
        assertThat(internal.received()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sdks")
    void anAppsBaseUrlNamingAnInternalHostIsRefusedBeforeConnecting(Sdk sdk) {
        internal.on(sdk.path(), 200, sdk.answer());

        for (String host : List.of("localhost", "127.0.0.2")) {
            ProviderException e = catchThrowableOfType(ProviderException.class, () -> sdk.text()
                    .apply(ProviderCredentials.fromApp("key-0123456789abcdef", "http://" + host + ":" + port(internal)))
                    .generate(hello()));

            assertThat(e.code()).as(host).isEqualTo(ProviderErrors.OUTBOUND_BLOCKED);
            assertThat(e.getMessage()).as(host).contains("refused");
        }
        assertThat(internal.received()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strictSdks")
    void theOperatorsOwnBaseUrlReachesAnInternalHostThatAnAppsCannot(Sdk sdk) {
        provider.on(sdk.path(), 200, sdk.answer());
        String internalUrl = "http://localhost:" + port(provider);

        String text = sdk.text().apply(ProviderCredentials.fromServer("key-0123456789abcdef", internalUrl))
                .generate(hello()).text();
        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> sdk.text().apply(ProviderCredentials.fromApp("key-0123456789abcdef", internalUrl)).generate(hello()));

        assertThat(text).isEqualTo("hi");
        assertThat(e.code()).isEqualTo(ProviderErrors.OUTBOUND_BLOCKED);
        assertThat(provider.received()).hasSize(1);
    }

    static Stream<Arguments> strictSdks() {
        return sdksOn(STRICT);
    }

    private static int port(WireServer server) {
        return Integer.parseInt(server.url().substring(server.url().lastIndexOf(':') + 1));
    }
}
