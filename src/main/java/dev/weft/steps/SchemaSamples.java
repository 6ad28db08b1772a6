package dev.weft.steps;

import dev.weft.common.Json;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A value that fits a JSON Schema, for showing what a step will produce before it runs (dry runs).
 * The schema's own {@code examples}, {@code default}, {@code const} or first {@code enum} value wins;
 * otherwise each type gets a plain stand-in ({@code "sample <name>"} for strings, the minimum or 0
 * for numbers, one item for arrays, every declared property for objects). Bounded in depth.
 */
public final class SchemaSamples {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_DEPTH = 8;

    private SchemaSamples() {}

    public static JsonNode of(JsonNode schema) {
        return sample(schema, "value", 0);
    }

    private static JsonNode sample(JsonNode schema, String name, int depth) {
        if (schema == null || !schema.isObject() || depth > MAX_DEPTH) {
            return NODES.nullNode();
        }
        if (schema.path("examples").isArray() && !schema.path("examples").isEmpty()) {
            return schema.get("examples").get(0).deepCopy();
        }
        for (String given : new String[] {"const", "default"}) {
            if (schema.has(given)) {
                return schema.get(given).deepCopy();
            }
        }
        if (schema.path("enum").isArray() && !schema.path("enum").isEmpty()) {
            return schema.get("enum").get(0).deepCopy();
        }
        for (String combinator : new String[] {"anyOf", "oneOf", "allOf"}) {
            if (schema.path(combinator).isArray() && !schema.path(combinator).isEmpty()) {
                return sample(schema.get(combinator).get(0), name, depth + 1);
            }
        }
        String type = schema.path("type").isArray() ? schema.path("type").get(0).asString("") : schema.path("type").asString("");
        return switch (type) {
            case "object" -> object(schema, depth);
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                array.add(sample(schema.get("items"), name, depth + 1));
                yield array;
            }
            case "string" -> NODES.stringNode(string(schema, name));
            case "integer" -> NODES.numberNode(schema.path("minimum").isNumber() ? schema.get("minimum").asLong() : 0L);
            case "number" -> NODES.numberNode(schema.path("minimum").isNumber() ? schema.get("minimum").asDouble() : 0.0);
            case "boolean" -> NODES.booleanNode(false);
            case "null" -> NODES.nullNode();
            default -> schema.has("properties") ? object(schema, depth) : NODES.nullNode();
        };
    }

    private static ObjectNode object(JsonNode schema, int depth) {
        ObjectNode object = Json.object();
        if (schema.path("properties").isObject()) {
            for (Map.Entry<String, JsonNode> property : schema.get("properties").properties()) {
                object.set(property.getKey(), sample(property.getValue(), property.getKey(), depth + 1));
            }
        }
        return object;
    }

    private static String string(JsonNode schema, String name) {
        return switch (schema.path("format").asString("")) {
            case "date-time" -> "2026-01-01T00:00:00Z";
            case "uri", "url" -> "https://example.com/sample";
            case "duration" -> "PT1M";
            default -> "sample " + name;
        };
    }
}
