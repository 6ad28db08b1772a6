package dev.weft.common;

/**
 * A request field that is wrong, thrown by services and answered as a 422 problem naming the field
 * in the API's words: a value that is not allowed (out of range, too long, refused) or one that is
 * malformed (wrong type or shape, missing, contradicting another). 400 is only for a body that
 * cannot be read.
 */
public class InvalidFieldException extends RuntimeException {

    private final String field;
    private final boolean malformed;

    /** A value that is not allowed: 422. */
    public InvalidFieldException(String field, String message) {
        this(field, message, false);
    }

    private InvalidFieldException(String field, String message, boolean malformed) {
        super(message);
        this.field = field;
        this.malformed = malformed;
    }

    /** A value of the wrong type or shape, or one that is missing: 422 as well, told apart in the message. */
    public static InvalidFieldException malformed(String field, String message) {
        return new InvalidFieldException(field, message, true);
    }

    public String field() {
        return field;
    }

    public boolean malformed() {
        return malformed;
    }
}
