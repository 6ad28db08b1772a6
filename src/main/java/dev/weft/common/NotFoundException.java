package dev.weft.common;

/**
 * Something a request names that does not exist (or that the caller may not know exists), thrown
 * by services and answered as a 404 problem.
 */
public class NotFoundException extends RuntimeException {

    private final String what;
    private final String field;

    /** @param what the kind of thing, for the problem type ({@code app} gives {@code app-not-found}) */
    public NotFoundException(String what, String message) {
        this(what, message, null);
    }

    /** @param field the request field that named it, listed in the problem's {@code errors} */
    public NotFoundException(String what, String message, String field) {
        super(message);
        this.what = what;
        this.field = field;
    }

    public String what() {
        return what;
    }

    /** The request field that named the missing thing, or null. */
    public String field() {
        return field;
    }
}
