package dev.weft.common;

/** A request that contradicts the current state (a reused idempotency key, a run that cannot be resumed): 409. */
public class ConflictException extends RuntimeException {

    private final String type;

    /** @param type the problem type's slug, e.g. {@code idempotency-key-reused} */
    public ConflictException(String type, String message) {
        super(message);
        this.type = type;
    }

    public String type() {
        return type;
    }
}
