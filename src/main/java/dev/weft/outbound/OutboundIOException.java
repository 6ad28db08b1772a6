package dev.weft.outbound;

import java.io.IOException;

/**
 * Carries an {@link OutboundException} through HTTP client interfaces that only let
 * {@link IOException}s out (OkHttp interceptors and DNS, Spring's request factories), so the caller
 * on the other side of an SDK can still tell a refusal from a network failure
 * ({@link OutboundException#in(Throwable)}).
 */
public final class OutboundIOException extends IOException {

    private final transient OutboundException outbound;

    public OutboundIOException(OutboundException outbound) {
        super(outbound.getMessage(), outbound);
        this.outbound = outbound;
    }

    public OutboundException outbound() {
        return outbound;
    }
}
