package dev.weft.common;

import java.util.List;

/**
 * A document that failed validation with every error found (not just the first), thrown by
 * services and answered as a 422 problem whose {@code errors} lists them.
 */
public class ValidationException extends RuntimeException {

    private final String type;
    private final String title;
    private final List<?> errors;

    /**
     * @param type  the problem type's slug, e.g. {@code invalid-definition}
     * @param title the problem's title
     */
    public ValidationException(String type, String title, String message, List<?> errors) {
        super(message);
        this.type = type;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<?> errorList() {
        return errors;
    }
}
