package dev.weft.expression;

/**
 * Bounds on expressions.
 *
 * @param maxExpressionLength characters in one expression
 * @param maxIterations       comprehension iterations in one evaluation
 */
public record ExpressionLimits(int maxExpressionLength, int maxIterations) {

    public static ExpressionLimits defaults() {
        return new ExpressionLimits(1024, 10_000);
    }
}
