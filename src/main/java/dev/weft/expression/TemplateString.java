package dev.weft.expression;

import java.util.ArrayList;
import java.util.List;

/**
 * One template string split into literal text and {@code {{ expr }}} parts.
 *
 * <p>The closing {@code }}} is found by scanning the expression itself, skipping CEL string
 * literals and nested braces, so {@code {{ {"a": {"b": 1}} }}} is one expression.
 *
 * @param parts  the string in order; empty when {@code error} is set
 * @param error  why the string is not a well-formed template, or null
 */
record TemplateString(List<Part> parts, String error) {

    sealed interface Part permits Literal, Expression {}

    record Literal(String text) implements Part {}

    /** @param source the expression between the braces, without surrounding whitespace */
    record Expression(String source) implements Part {}

    static TemplateString parse(String text) {
        List<Part> parts = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf("{{", i);
            int strayClose = text.indexOf("}}", i);
            if (strayClose >= 0 && (open < 0 || strayClose < open)) {
                return failed("unbalanced braces: '}}' at position " + strayClose + " has no matching '{{'");
            }
            if (open < 0) {
                parts.add(new Literal(text.substring(i)));
                break;
            }
            if (open > i) {
                parts.add(new Literal(text.substring(i, open)));
            }
            int close = findClose(text, open + 2);
            if (close < 0) {
                return failed("unbalanced braces: '{{' at position " + open + " is never closed with '}}'");
            }
            parts.add(new Expression(text.substring(open + 2, close).strip()));
            i = close + 2;
        }
        return new TemplateString(List.copyOf(parts), null);
    }

    boolean hasExpressions() {
        return parts.stream().anyMatch(Expression.class::isInstance);
    }

    /** The expression when the string is exactly one {@code {{ expr }}}, give or take whitespace. */
    Expression soleExpression() {
        Expression sole = null;
        for (Part part : parts) {
            switch (part) {
                case Literal literal when literal.text().isBlank() -> { }
                case Literal literal -> { return null; }
                case Expression expression -> {
                    if (sole != null) {
                        return null;
                    }
                    sole = expression;
                }
            }
        }
        return sole;
    }

    private static TemplateString failed(String error) {
        return new TemplateString(List.of(), error);
    }

    /** Index of the {@code }}} closing an expression that starts at {@code from}, or -1. */
    private static int findClose(String text, int from) {
        int depth = 0;
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'') {
                i = skipStringLiteral(text, i);
                if (i < 0) {
                    return -1;
                }
                continue;
            }
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                if (depth == 0) {
                    return text.startsWith("}}", i) ? i : -1;
                }
                depth--;
            }
            i++;
        }
        return -1;
    }

    /** Index just after the CEL string literal whose opening quote is at {@code start}, or -1. */
    private static int skipStringLiteral(String text, int start) {
        char quote = text.charAt(start);
        boolean raw = start > 0 && (text.charAt(start - 1) == 'r' || text.charAt(start - 1) == 'R');
        String delimiter = text.startsWith(String.valueOf(quote).repeat(3), start)
                ? String.valueOf(quote).repeat(3)
                : String.valueOf(quote);
        int i = start + delimiter.length();
        while (i < text.length()) {
            if (!raw && text.charAt(i) == '\\') {
                i += 2;
                continue;
            }
            if (text.startsWith(delimiter, i)) {
                return i + delimiter.length();
            }
            i++;
        }
        return -1;
    }
}
