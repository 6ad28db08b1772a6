package dev.weft.providers;

import dev.weft.common.Failures;
import dev.weft.outbound.OutboundException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The one classification of provider failures, shared by every remote provider so that a 429 means
 * the same thing whichever SDK reported it. Messages name the provider and the status, never the key.
 */
public final class ProviderErrors {

    public static final String RATE_LIMITED = "RATE_LIMITED";
    public static final String PROVIDER_UNAVAILABLE = "PROVIDER_UNAVAILABLE";
    public static final String PROVIDER_TIMEOUT = "PROVIDER_TIMEOUT";
    public static final String INVALID_REQUEST = "INVALID_REQUEST";
    public static final String CONTENT_REFUSED = "CONTENT_REFUSED";
    public static final String AUTHENTICATION_FAILED = "AUTHENTICATION_FAILED";
    public static final String INVALID_RESPONSE = "INVALID_PROVIDER_RESPONSE";
    public static final String NOT_CONFIGURED = "PROVIDER_NOT_CONFIGURED";
    /** The base URL, its address or a redirect from it is refused by the outbound policy. */
    public static final String OUTBOUND_BLOCKED = "OUTBOUND_BLOCKED";

    private static final long MAX_RETRY_AFTER_MILLIS = Duration.ofHours(1).toMillis();

    private ProviderErrors() {}

    /**
     * @param status       the HTTP status
     * @param errorCode    the provider's own error code or type (e.g. {@code content_filter}), may be null
     * @param detail       the provider's error message, may be null; providers do not echo keys in it
     * @param retryAfter   the Retry-After header value, may be null
     * @param retryAfterMs OpenAI's {@code retry-after-ms} header value, may be null
     */
    public static ProviderException fromStatus(String provider, int status, String errorCode, String detail,
                                               String retryAfter, String retryAfterMs) {
        String what = provider + " answered HTTP " + status + (detail == null || detail.isBlank() ? "" : ": " + trim(detail));
        if (status == 401 || status == 403) {
            return new ProviderException(false, AUTHENTICATION_FAILED, provider
                    + " rejected the API key (HTTP " + status + "); check the key configured for this app or server");
        }
        if (status == 429) {
            return new ProviderException(true, RATE_LIMITED, "rate limited: " + what,
                    retryAfterMillis(retryAfter, retryAfterMs), null);
        }
        if (status == 408) {
            return new ProviderException(true, PROVIDER_TIMEOUT, what);
        }
        if (status >= 500) {
            // 529 is Anthropic's "overloaded"; 503 is everybody's.
            return new ProviderException(true, PROVIDER_UNAVAILABLE, what, retryAfterMillis(retryAfter, retryAfterMs), null);
        }
        if (isContentFilter(errorCode) || isContentFilter(detail)) {
            return new ProviderException(false, CONTENT_REFUSED, "content refused by " + provider + "'s filter: " + what);
        }
        return new ProviderException(false, INVALID_REQUEST, what);
    }

    /**
     * A call that got no answer: refused by the outbound policy (permanent, {@value #OUTBOUND_BLOCKED}),
     * or a network failure or time-out (retryable).
     */
    public static ProviderException transport(String provider, Throwable cause) {
        var refused = OutboundException.in(cause).filter(e -> !e.retryable());
        if (refused.isPresent()) {
            return new ProviderException(false, OUTBOUND_BLOCKED, provider + " was not called: "
                    + refused.get().getMessage(), cause);
        }
        return new ProviderException(true, PROVIDER_TIMEOUT, provider + " did not answer in time or could not be reached ("
                + Failures.describe(cause) + ")", cause);
    }

    public static ProviderException invalidResponse(String provider, String why) {
        return new ProviderException(true, INVALID_RESPONSE, provider + " sent an answer that could not be read: " + why);
    }

    public static ProviderException refused(String provider, String why) {
        return new ProviderException(false, CONTENT_REFUSED, "content refused by " + provider + ": " + why);
    }

    static boolean isContentFilter(String text) {
        if (text == null) {
            return false;
        }
        String t = text.toLowerCase(java.util.Locale.ROOT);
        // moderation_blocked: gpt-image-1's code (type image_generation_user_error); content_policy_violation: DALL-E's.
        return t.contains("content_filter") || t.contains("content_policy") || t.contains("moderation_blocked")
                || t.contains("safety system") || t.contains("responsibleaipolicyviolation");
    }

    /** Retry-After as delta seconds or HTTP date, or retry-after-ms; capped at one hour. */
    public static Long retryAfterMillis(String retryAfter, String retryAfterMs) {
        try {
            if (retryAfterMs != null && !retryAfterMs.isBlank()) {
                return Math.clamp((long) Double.parseDouble(retryAfterMs.strip()), 0, MAX_RETRY_AFTER_MILLIS);
            }
        } catch (NumberFormatException ignored) {
            // fall through to Retry-After
        }
        if (retryAfter == null || retryAfter.isBlank()) {
            return null;
        }
        String v = retryAfter.strip();
        try {
            return Math.clamp((long) (Double.parseDouble(v) * 1000), 0, MAX_RETRY_AFTER_MILLIS);
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Math.clamp(Duration.between(Instant.now(), at).toMillis(), 0, MAX_RETRY_AFTER_MILLIS);
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    private static String trim(String s) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() > 300 ? one.substring(0, 300) + "…" : one;
    }
}
