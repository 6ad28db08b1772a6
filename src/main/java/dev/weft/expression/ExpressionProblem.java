package dev.weft.expression;

/**
 * A compile-time problem with an expression.
 *
 * @param path    where in the template it is, dotted from the template root ({@code data.image});
 *                empty for a bare condition
 * @param message what is wrong, for a human
 */
public record ExpressionProblem(String path, String message) {}
