package dev.weft.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.weft.outbound.OutboundPolicy;
import dev.weft.outbound.ProviderHttp;
import dev.weft.providers.wire.Wire;
import dev.weft.providers.wire.WireServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every remote {@link TextGenerator} does, whichever SDK speaks for it, run on each against a
 * local server answering in that provider's own wire format: text and token counts come back, and
 * failures are classified alike (rate limits and 5xx retryable with their Retry-After, a bad key
 * permanent without echoing it, no answer a retryable time-out, garbage an invalid response).
 */
abstract class TextGeneratorContractTest {

    static final String KEY = "key-for-contract-0123456789";
    static final ProviderHttp HTTP = new ProviderHttp(new OutboundPolicy(List.of("127.0.0.1")));

    final WireServer server = new WireServer();

    @AfterEach
    void close() {
        server.close();
    }

    /** The generator under test, pointed at {@code baseUrl}. */
    abstract TextGenerator generator(String baseUrl);

    /** The path the provider posts a generation to. */
    abstract String path();

    /** A successful answer with this text. */
    abstract String answer(String text);

    /** An error answer in the provider's format. */
    abstract String error(String type, String message);

    /** A streamed answer of these pieces, in the provider's streaming format, with 12 input and 5 output tokens. */
    abstract String streamedAnswer(List<String> pieces);

    /** The content type of a streamed answer. */
    abstract String streamContentType();

    /** Token counts {@link #answer} reports: input, output. */
    abstract long[] tokens();

    private TextGenerator.GeneratedText generate() {
        return generator(server.url()).generate(new TextGenerator.Request("Say hi", "Be brief", null, 20, null));
    }

    private ProviderException failure() {
        return catchThrowableOfType(ProviderException.class, this::generate);
    }

    @Test
    void generatesTextWithItsTokenCounts() {
        server.on(path(), 200, answer("Hello there."));

        TextGenerator.GeneratedText text = generate();

        assertThat(text.text()).isEqualTo("Hello there.");
        assertThat(text.inputTokens()).isEqualTo(tokens()[0]);
        assertThat(text.outputTokens()).isEqualTo(tokens()[1]);
        assertThat(text.placeholder()).isFalse();
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void streamsTextPieceByPieceAndAnswersTheWholeText() {
        List<String> pieces = List.of("Hel", "lo ", "the", "re, \"friend\".");
        server.on(path(), 200, Map.of("Content-Type", streamContentType()), streamedAnswer(pieces));
        List<String> received = new java.util.ArrayList<>();

        TextGenerator.GeneratedText text = generator(server.url())
                .stream(new TextGenerator.Request("Say hi", "Be brief", null, 20, null), received::add);

        assertThat(received).containsExactlyElementsOf(pieces);
        assertThat(text.text()).isEqualTo("Hello there, \"friend\".");
        assertThat(text.inputTokens()).isEqualTo(12);
        assertThat(text.outputTokens()).isEqualTo(5);
        assertThat(server.last().json().path("stream").asBoolean()).as("the request asks for a stream").isTrue();
    }

    @Test
    void aRateLimitIsRetryableAfterTheTimeTheProviderAsks() {
        server.on(path(), 429, Map.of("Retry-After", "7"), error("rate_limit_error", "slow down"));

        ProviderException e = failure();

        assertThat(e.code()).isEqualTo(ProviderErrors.RATE_LIMITED);
        assertThat(e.retryable()).isTrue();
        assertThat(e.retryAfterMillis()).isEqualTo(7000L);
        assertThat(server.received()).as("the SDK does not retry on its own").hasSize(1);
    }

    @Test
    void aServerErrorIsRetryable() {
        server.on(path(), 503, error("overloaded_error", "busy"));

        ProviderException e = failure();

        assertThat(e.code()).isEqualTo(ProviderErrors.PROVIDER_UNAVAILABLE);
        assertThat(e.retryable()).isTrue();
    }

    @Test
    void aRejectedKeyIsPermanentAndNotEchoed() {
        server.on(path(), 401, error("authentication_error", "invalid key " + KEY));

        ProviderException e = failure();

        assertThat(e.code()).isEqualTo(ProviderErrors.AUTHENTICATION_FAILED);
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).doesNotContain(KEY);
    }

    @Test
    void noAnswerInTimeIsARetryableTimeout() {
        server.hang(path());

        ProviderException e = failure();

        assertThat(e.code()).isEqualTo(ProviderErrors.PROVIDER_TIMEOUT);
        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).doesNotContain("Exception");
    }

    @Test
    void anAnswerThatIsNotTheProvidersFormatIsAnInvalidResponse() {
        server.on(path(), 200, "{\"unexpected\": [");

        ProviderException e = failure();

        assertThat(e.code()).isEqualTo(ProviderErrors.INVALID_RESPONSE);
    }
}
