package dev.weft.steps;

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
        return node != null && node.isIntegralNumber() ? Integer.valueOf(node.asInt()) : fallback;
    }

    public static Double number(JsonNode input, String field, Double fallback) {
        JsonNode node = input.get(field);
        return node != null && node.isNumber() ? Double.valueOf(node.asDouble()) : fallback;
    }

    public static boolean bool(JsonNode input, String field, boolean fallback) {
        JsonNode node = input.get(field);
        return node != null && node.isBoolean() ? node.asBoolean() : fallback;
    }
}
