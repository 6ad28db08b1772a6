package dev.weft.expression;

/** An expression that failed to evaluate; {@code path} says where in the template. */
public class ExpressionException extends RuntimeException {

    private final String path;

    public ExpressionException(String path, String message) {
        super(message);
        this.path = path;
    }

    public ExpressionException(String path, String message, Throwable cause) {
        super(message, cause);
        this.path = path;
    }

    public String path() {
        return path;
    }
}
