package dev.weft.expression;

/**
 * Bounds on expressions, so that no expression can run long or fill memory whatever its input.
 *
 * @param maxExpressionLength characters in one expression
 * @param maxIterations       comprehension iterations in one evaluation
 * @param maxValueSize        the largest value an expression may build (a string, list or map made
 *                            by a function, a literal or a comprehension), measured as the length of
 *                            its JSON text; values read as they are from the input or earlier outputs
 *                            are not counted, they are bounded where they were stored
 */
public record ExpressionLimits(int maxExpressionLength, int maxIterations, long maxValueSize) {

    public static final long DEFAULT_MAX_VALUE_SIZE = 4_000_000;

    public ExpressionLimits {
        if (maxExpressionLength < 1 || maxIterations < 1 || maxValueSize < 1) {
            throw new IllegalArgumentException("expression limits must be positive");
        }
    }

    public static ExpressionLimits defaults() {
        return new ExpressionLimits(1024, 10_000, DEFAULT_MAX_VALUE_SIZE);
    }
}
