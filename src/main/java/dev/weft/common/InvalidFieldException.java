package dev.weft.common;

/**
 * A request field that is wrong, thrown by services and answered as a 422 problem naming the field
 * in the API's words: a value that is not allowed (out of range, too long, refused) or one that is
 * malformed (wrong type or shape, missing, contradicting another). 400 is only for a body that
 * cannot be read.
 */
public class InvalidFieldException extends RuntimeException {

    private final String field;

    /** A value that is not allowed. */
    public InvalidFieldException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** A value of the wrong type or shape, or one that is missing: answered the same way, told apart in the message. */
    public static InvalidFieldException malformed(String field, String message) {
        return new InvalidFieldException(field, message);
    }

    public String field() {
        return field;
    }
}
