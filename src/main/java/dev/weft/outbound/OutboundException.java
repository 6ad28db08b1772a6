package dev.weft.outbound;

/**
 * An outbound HTTP call that did not produce a response, classified so callers can decide what to
 * do: {@link #retryable()} failures (time-outs, connection failures) are worth another attempt,
 * the others are not.
 */
public class OutboundException extends Exception {

    /** Why the call failed; machine-readable. */
    public enum Reason {
        /** The URL or an address it resolves to is not allowed by the {@link OutboundPolicy}. */
        BLOCKED,
        /** Not an absolute http(s) URL with a host and without user info. */
        INVALID_URL,
        /** The host did not resolve or refused the connection. */
        CONNECT_FAILED,
        /** Connecting or waiting for the response took longer than allowed. */
        TIMEOUT,
        /** More redirects than allowed, or a redirect loop. */
        TOO_MANY_REDIRECTS,
        /** A redirect from a destination whose redirects are not followed (provider APIs). */
        REDIRECT_REFUSED,
        /** The response body is larger than allowed. */
        RESPONSE_TOO_LARGE,
        /** Any other I/O or protocol failure. */
        IO
    }

    private final Reason reason;

    public OutboundException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public OutboundException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /**
     * The outbound refusal or failure somewhere in a cause chain, as SDKs wrap what their transport
     * threw ({@link OutboundIOException} carries one through I/O-only interfaces).
     */
    public static java.util.Optional<OutboundException> in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutboundException outbound) {
                return java.util.Optional.of(outbound);
            }
            if (t instanceof OutboundIOException carrier) {
                return java.util.Optional.of(carrier.outbound());
            }
        }
        return java.util.Optional.empty();
    }

    /** Whether another attempt may succeed: time-outs and connection failures. */
    public boolean retryable() {
        return reason == Reason.TIMEOUT || reason == Reason.CONNECT_FAILED;
    }
}
