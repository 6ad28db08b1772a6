package dev.weft.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import dev.weft.providers.wire.WireServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every remote {@link Embedder} does, run on each against a local server answering in that
 * provider's wire format: the vector comes back at unit length, and failures are classified as
 * every provider's are.
 */
abstract class EmbedderContractTest {

    final WireServer server = new WireServer();

    @AfterEach
    void close() {
        server.close();
    }

    abstract Embedder embedder(String baseUrl);

    abstract String path();

    /** An answer whose vector is {@link #raw()} before normalisation. */
    abstract String answer();

    abstract float[] raw();

    abstract String error(String message);

    @Test
    void embedsToAUnitLengthVectorInTheProvidersDirection() {
        server.on(path(), 200, answer());

        float[] v = embedder(server.url()).embed("hello");

        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float[] raw = raw();
        double rawNorm = 0;
        for (float x : raw) {
            rawNorm += x * x;
        }
        assertThat(v).hasSize(raw.length);
        assertThat(Math.sqrt(norm)).isCloseTo(1.0, within(1e-6));
        assertThat(v[0]).isCloseTo((float) (raw[0] / Math.sqrt(rawNorm)), within(1e-6f));
    }

    @Test
    void aServerErrorIsRetryableAndARejectedRequestIsNot() {
        server.on(path(), 500, error("model runner crashed"));
        ProviderException crashed = catchThrowableOfType(ProviderException.class, () -> embedder(server.url()).embed("x"));
        server.on(path(), 400, error("input too long"));
        ProviderException refused = catchThrowableOfType(ProviderException.class, () -> embedder(server.url()).embed("x"));

        assertThat(crashed.retryable()).isTrue();
        assertThat(refused.retryable()).isFalse();
        assertThat(refused.code()).isEqualTo(ProviderErrors.INVALID_REQUEST);
    }

    @Test
    void noAnswerInTimeIsARetryableTimeout() {
        server.hang(path());

        ProviderException e = catchThrowableOfType(ProviderException.class, () -> embedder(server.url()).embed("x"));

        assertThat(e.code()).isEqualTo(ProviderErrors.PROVIDER_TIMEOUT);
        assertThat(e.retryable()).isTrue();
    }
}
