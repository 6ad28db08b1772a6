package dev.weft.client;

/** The server could not be reached, or the exchange broke off (no answer to report). */
public class WeftTransportException extends RuntimeException {

    public WeftTransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
