package dev.weft.steps;

import dev.weft.outbound.OutboundResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** The {@code Retry-After} header (delta seconds or HTTP date) as milliseconds, capped at one hour. */
public final class RetryAfter {

    private static final long MAX_MILLIS = Duration.ofHours(1).toMillis();

    private RetryAfter() {}

    public static Optional<Long> millis(OutboundResponse response) {
        return response.header("Retry-After").map(String::strip).flatMap(RetryAfter::parse);
    }

    static Optional<Long> parse(String value) {
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? Optional.empty() : Optional.of(Math.min(seconds, MAX_MILLIS / 1000) * 1000);
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                long millis = Duration.between(Instant.now(), at).toMillis();
                return Optional.of(Math.clamp(millis, 0, MAX_MILLIS));
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }
}
