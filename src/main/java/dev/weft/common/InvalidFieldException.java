package dev.weft.common;

/**
 * A request field whose value is not allowed (out of range, too long, refused), thrown by services
 * and answered as a 422 problem naming the field in the API's words.
 */
public class InvalidFieldException extends RuntimeException {

    private final String field;

    public InvalidFieldException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
