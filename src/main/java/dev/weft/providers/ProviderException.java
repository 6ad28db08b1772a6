package dev.weft.providers;

/**
 * A provider call that failed, classified at the boundary: {@code retryable} failures (rate limits,
 * overload, time-outs) are retried by the engine, the others fail the step at once.
 */
public class ProviderException extends RuntimeException {

    private final boolean retryable;
    private final String code;

    public ProviderException(boolean retryable, String code, String message) {
        super(message);
        this.retryable = retryable;
        this.code = code;
    }

    public ProviderException(boolean retryable, String code, String message, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.code = code;
    }

    public boolean retryable() {
        return retryable;
    }

    /** Machine-readable failure code, e.g. {@code INVALID_IMAGE}, {@code PROVIDER_TIMEOUT}. */
    public String code() {
        return code;
    }
}
