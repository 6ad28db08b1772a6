package dev.weft.providers;

/**
 * A provider call that failed, classified at the boundary: {@code retryable} failures (rate limits,
 * overload, time-outs) are retried by the engine, the others fail the step at once.
 * {@code retryAfterMillis} carries the provider's {@code Retry-After} when it sent one.
 * Messages never contain the API key or the request body.
 */
public class ProviderException extends RuntimeException {

    private final boolean retryable;
    private final String code;
    private final Long retryAfterMillis;

    public ProviderException(boolean retryable, String code, String message) {
        this(retryable, code, message, null, null);
    }

    public ProviderException(boolean retryable, String code, String message, Throwable cause) {
        this(retryable, code, message, null, cause);
    }

    public ProviderException(boolean retryable, String code, String message, Long retryAfterMillis, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.code = code;
        this.retryAfterMillis = retryAfterMillis;
    }

    public boolean retryable() {
        return retryable;
    }

    /** Machine-readable failure code, e.g. {@code INVALID_IMAGE}, {@code PROVIDER_TIMEOUT}. */
    public String code() {
        return code;
    }

    /** How long the provider asked us to wait before the next attempt, or null. */
    public Long retryAfterMillis() {
        return retryAfterMillis;
    }

    /**
     * True when the failure is the provider's (rate limit, overload, outage, time-out, bad key, not
     * configured, unreadable answer), so another provider in a fallback chain may well succeed; false when
     * it is the request's (invalid request, content refused), which another provider would likely refuse too.
     */
    public boolean providerSide() {
        return !ProviderErrors.INVALID_REQUEST.equals(code) && !ProviderErrors.CONTENT_REFUSED.equals(code)
                && !"INVALID_IMAGE".equals(code);
    }
}
