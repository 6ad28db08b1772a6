package dev.weft.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.weft.providers.wire.WireServer;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What every remote {@link VisionModel} does, run on each against a local server answering in that
 * provider's wire format: the image travels in the provider's own form, the caption, tags and token
 * counts come back, and failures are classified as for text (see {@link TextGeneratorContractTest}).
 */
abstract class VisionModelContractTest {

    static final String KEY = TextGeneratorContractTest.KEY;
    static final byte[] IMAGE = {1, 2, 3};

    final WireServer server = new WireServer();

    @AfterEach
    void close() {
        server.close();
    }

    abstract VisionModel model(String baseUrl);

    abstract String path();

    /** A successful answer whose text is this content. */
    abstract String answer(String content);

    abstract String error(String type, String message);

    /** The base64 of {@link #IMAGE} ("AQID") as the request carries it, read from the request body. */
    abstract String imageSent(JsonNode request);

    /** Token counts {@link #answer} reports: input, output. */
    abstract int[] tokens();

    private VisionModel.ImageDescription describe() {
        return model(server.url()).describe(IMAGE, "image/png", null);
    }

    private ProviderException failure() {
        return catchThrowableOfType(ProviderException.class, this::describe);
    }

    @Test
    void describesTheImageItWasSentWithCaptionTagsAndTokenCounts() {
        server.on(path(), 200, answer("{\\\"caption\\\": \\\"A red square.\\\", \\\"tags\\\": [\\\"red\\\", \\\"square\\\"]}"));

        VisionModel.ImageDescription d = describe();

        assertThat(d.caption()).isEqualTo("A red square.");
        assertThat(d.tags()).containsExactly("red", "square");
        assertThat(d.provider()).isEqualTo(model(server.url()).provider());
        assertThat(d.inputTokens()).isEqualTo(tokens()[0]);
        assertThat(d.outputTokens()).isEqualTo(tokens()[1]);
        assertThat(imageSent(server.last().json())).isEqualTo("AQID");
    }

    @Test
    void anAnswerThatIsNotJsonStillGivesACaption() {
        server.on(path(), 200, answer("A red square on white."));

        VisionModel.ImageDescription d = describe();

        assertThat(d.caption()).isEqualTo("A red square on white.");
        assertThat(d.tags()).isEmpty();
    }

    @Test
    void aRateLimitIsRetryableAfterTheTimeTheProviderAsks() {
        server.on(path(), 429, Map.of("Retry-After", "7"), error("rate_limit_error", "slow down"));

        ProviderException e = failure();

        assertThat(e.code()).isEqualTo(ProviderErrors.RATE_LIMITED);
        assertThat(e.retryable()).isTrue();
        assertThat(e.retryAfterMillis()).isEqualTo(7000L);
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
    }

    @Test
    void anAnswerThatIsNotTheProvidersFormatIsAnInvalidResponse() {
        server.on(path(), 200, "{\"unexpected\": [");

        ProviderException e = failure();

        assertThat(e.code()).isEqualTo(ProviderErrors.INVALID_RESPONSE);
    }
}
