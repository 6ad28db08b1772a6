package dev.weft.expression;

/**
 * An expression that failed to evaluate; {@code path} says where in the template, and
 * {@link #code()} whether it broke a limit ({@value #LIMIT}) or failed otherwise ({@value #FAILED}).
 */
public class ExpressionException extends RuntimeException {

    /** The expression exceeded a bound: the iterations, or the size of a value it built. */
    public static final String LIMIT = "EXPRESSION_LIMIT";
    /** Any other evaluation failure: wrong types, division by zero, a value with no JSON form. */
    public static final String FAILED = "EXPRESSION_FAILED";

    private final String path;
    private final String code;

    public ExpressionException(String path, String message) {
        this(path, message, null, FAILED);
    }

    public ExpressionException(String path, String message, Throwable cause) {
        this(path, message, cause, FAILED);
    }

    ExpressionException(String path, String message, Throwable cause, String code) {
        super(message, cause);
        this.path = path;
        this.code = code;
    }

    public String path() {
        return path;
    }

    /** {@value #LIMIT} or {@value #FAILED}. */
    public String code() {
        return code;
    }

    public boolean limitExceeded() {
        return LIMIT.equals(code);
    }
}
