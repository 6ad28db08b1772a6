package dev.weft.common;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;

/**
 * Numbers read from user JSON without surprises: Jackson's own accessors throw for a value out of
 * their type's range (an integer of 400 digits, {@code 1e308} as a float) and let {@code 1e400}
 * through as infinity; these return empty instead, so the caller can say which field is wrong.
 */
public final class JsonNumbers {

    private JsonNumbers() {}

    /** The value as a finite double; empty when it is not a number or beyond a double's range. */
    public static OptionalDouble finiteDouble(JsonNode node) {
        if (node == null || !node.isNumber()) {
            return OptionalDouble.empty();
        }
        double d = node.numberValue().doubleValue();
        return Double.isFinite(d) ? OptionalDouble.of(d) : OptionalDouble.empty();
    }

    /** A finite number within {@code [min, max]}; empty otherwise. */
    public static OptionalDouble doubleIn(JsonNode node, double min, double max) {
        OptionalDouble d = finiteDouble(node);
        return d.isPresent() && d.getAsDouble() >= min && d.getAsDouble() <= max ? d : OptionalDouble.empty();
    }

    /** A whole number (written as an integer, or a number with no fraction) within {@code [min, max]}. */
    public static OptionalLong integerIn(JsonNode node, long min, long max) {
        if (node == null || !node.isNumber()) {
            return OptionalLong.empty();
        }
        BigDecimal value = node.decimalValueOpt().orElse(null);
        if (value == null) {
            return OptionalLong.empty();
        }
        try {
            long exact = value.stripTrailingZeros().longValueExact();
            return exact >= min && exact <= max ? OptionalLong.of(exact) : OptionalLong.empty();
        } catch (ArithmeticException notWholeOrTooLarge) {
            return OptionalLong.empty();
        }
    }

    /**
     * The paths ({@code a.b[2]}) of the numbers in the document that have no finite double value,
     * which no expression, schema check or store could then handle, in document order, at most
     * {@code limit} of them; empty when there is none.
     */
    public static java.util.List<String> outOfRange(JsonNode root, int limit) {
        record Frame(JsonNode node, String path) {}
        java.util.List<String> found = new java.util.ArrayList<>();
        Deque<Frame> stack = new ArrayDeque<>();
        stack.push(new Frame(root, ""));
        while (!stack.isEmpty() && found.size() < limit) {
            Frame f = stack.pop();
            JsonNode node = f.node();
            if (node == null) {
                continue;
            }
            if (node.isNumber() && finiteDouble(node).isEmpty()) {
                found.add(f.path());
            } else if (node.isObject()) {
                java.util.List<Map.Entry<String, JsonNode>> fields = new java.util.ArrayList<>(node.properties());
                for (int i = fields.size() - 1; i >= 0; i--) {
                    String key = fields.get(i).getKey();
                    stack.push(new Frame(fields.get(i).getValue(), f.path().isEmpty() ? key : f.path() + "." + key));
                }
            } else if (node.isArray()) {
                for (int i = node.size() - 1; i >= 0; i--) {
                    stack.push(new Frame(node.get(i), f.path() + "[" + i + "]"));
                }
            }
        }
        return found;
    }
}
