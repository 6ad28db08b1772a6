package dev.weft.common;

/**
 * Something a request names that does not exist (or that the caller may not know exists), thrown
 * by services and answered as a 404 problem.
 *
 * @see #what() the kind of thing, for the problem type ({@code app} gives {@code app-not-found})
 */
public class NotFoundException extends RuntimeException {

    private final String what;

    public NotFoundException(String what, String message) {
        super(message);
        this.what = what;
    }

    public String what() {
        return what;
    }
}
