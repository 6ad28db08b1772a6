package dev.weft.webhook.delivery;

import dev.weft.outbound.OutboundException;
import dev.weft.outbound.OutboundResponse;
import java.time.Duration;
import java.util.Optional;

/** What one attempt came to, classified from the receiver's response or the failure to get one. */
public sealed interface AttemptOutcome {

    /** The HTTP status, if the receiver answered. */
    Integer statusCode();

    /** A human-readable reason when not delivered. */
    String error();

    /** 2xx: the receiver has it. */
    record Delivered(Integer statusCode) implements AttemptOutcome {
        public String error() {
            return null;
        }
    }

    /** Worth another attempt; {@code retryAfter} is what the receiver asked for, if anything. */
    record Retry(Integer statusCode, String error, Optional<Duration> retryAfter) implements AttemptOutcome {}

    /** Another attempt would fail the same way. */
    record Failed(Integer statusCode, String error) implements AttemptOutcome {}

    static AttemptOutcome of(OutboundResponse response) {
        int status = response.status();
        if (status >= 200 && status < 300) {
            return new Delivered(status);
        }
        if (status == 408 || status == 429 || status >= 500) {
            return new Retry(status, "receiver answered HTTP " + status, retryAfter(response));
        }
        return new Failed(status, "receiver answered HTTP " + status + "; not retried (only 408, 429 and 5xx are)");
    }

    static AttemptOutcome of(OutboundException e) {
        return switch (e.reason()) {
            case TIMEOUT, CONNECT_FAILED, IO -> new Retry(null, e.getMessage(), Optional.empty());
            case BLOCKED -> new Failed(null, "blocked by the outbound policy: " + e.getMessage());
            case INVALID_URL, TOO_MANY_REDIRECTS, REDIRECT_REFUSED, RESPONSE_TOO_LARGE -> new Failed(null, e.getMessage());
        };
    }

    /** {@code Retry-After} in seconds; the HTTP-date form is rare for webhooks and is ignored. */
    private static Optional<Duration> retryAfter(OutboundResponse response) {
        return response.header("Retry-After").flatMap(value -> {
            try {
                long seconds = Long.parseLong(value.strip());
                return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }
}
