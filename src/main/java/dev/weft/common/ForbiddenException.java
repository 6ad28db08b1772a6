package dev.weft.common;

/** A request the caller may not make, such as naming another app's id explicitly: 403 naming the field. */
public class ForbiddenException extends RuntimeException {

    private final String type;
    private final String field;

    public ForbiddenException(String type, String message, String field) {
        super(message);
        this.type = type;
        this.field = field;
    }

    public String type() {
        return type;
    }

    public String field() {
        return field;
    }
}
