package dev.weft.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.outbound.OutboundBlockedException;
import dev.weft.outbound.OutboundException;
import dev.weft.outbound.OutboundResponse;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AttemptOutcomeTest {

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 204, 299})
    void treatsEvery2xxAsDelivered(int status) {
        assertThat(AttemptOutcome.of(response(status, Map.of()))).isInstanceOf(AttemptOutcome.Delivered.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 502, 503, 504})
    void retriesTimeoutsThrottlingAndServerErrors(int status) {
        assertThat(AttemptOutcome.of(response(status, Map.of()))).isInstanceOf(AttemptOutcome.Retry.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 400, 401, 403, 404, 410, 422})
    void failsOtherStatusesForGood(int status) {
        assertThat(AttemptOutcome.of(response(status, Map.of()))).isInstanceOf(AttemptOutcome.Failed.class);
    }

    @Test
    void readsRetryAfterSeconds() {
        var outcome = (AttemptOutcome.Retry) AttemptOutcome.of(response(429, Map.of("Retry-After", List.of("17"))));

        assertThat(outcome.retryAfter()).contains(Duration.ofSeconds(17));
    }

    @Test
    void retriesConnectionFailuresButNotBlockedAddresses() {
        assertThat(AttemptOutcome.of(new OutboundException(OutboundException.Reason.CONNECT_FAILED, "refused")))
                .isInstanceOf(AttemptOutcome.Retry.class);
        AttemptOutcome blocked = AttemptOutcome.of(new OutboundBlockedException("10.0.0.1", "resolves to private"));
        assertThat(blocked).isInstanceOf(AttemptOutcome.Failed.class);
        assertThat(blocked.error()).contains("blocked", "10.0.0.1");
    }

    private static OutboundResponse response(int status, Map<String, List<String>> headers) {
        return new OutboundResponse(status, headers, new byte[0], URI.create("https://example.com/"));
    }
}
