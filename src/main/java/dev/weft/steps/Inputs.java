package dev.weft.steps;

import dev.weft.common.JsonNumbers;
import tools.jackson.databind.JsonNode;

/**
 * Reads optional members of a step input that the engine has already validated against the
 * schema; defaults live here because JSON Schema {@code default}s are documentation only.
 */
public final class Inputs {

    private Inputs() {}

    public static String text(JsonNode input, String field, String fallback) {
        JsonNode node = input.get(field);
        return node != null && node.isString() ? node.asString() : fallback;
    }

    public static Integer integer(JsonNode input, String field, Integer fallback) {
        JsonNode node = input.get(field);
        // the schema bounds it; read without Jackson's accessor, which throws beyond int's range
        var value = JsonNumbers.integerIn(node, Integer.MIN_VALUE, Integer.MAX_VALUE);
        return node != null && node.isIntegralNumber() && value.isPresent() ? Integer.valueOf((int) value.getAsLong())
                : fallback;
    }

    public static Double number(JsonNode input, String field, Double fallback) {
        JsonNode node = input.get(field);
        var value = JsonNumbers.finiteDouble(node);
        return value.isPresent() ? Double.valueOf(value.getAsDouble()) : fallback;
    }

    public static boolean bool(JsonNode input, String field, boolean fallback) {
        JsonNode node = input.get(field);
        return node != null && node.isBoolean() ? node.asBoolean() : fallback;
    }
}
