package dev.weft.common;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** One shared JSON mapper for code that lives outside Spring (engine, stores, steps). */
public final class Json {

    public static final JsonMapper MAPPER = JsonMapper.builder(tools.jackson.core.json.JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build())
                    .build())
            .build();

    private Json() {}

    public static JsonNode parse(String text) {
        return text == null ? null : MAPPER.readTree(text);
    }

    public static String write(Object value) {
        return value == null ? null : MAPPER.writeValueAsString(value);
    }

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    public static tools.jackson.databind.node.ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    public static JsonNode nullNode() {
        return JsonNodeFactory.instance.nullNode();
    }

    public static JsonNode text(String value) {
        return JsonNodeFactory.instance.stringNode(value);
    }

    /** What kind of JSON value {@code node} is, in words for an error message: "an object", "a string", "null". */
    public static String kind(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "null";
        }
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isString()) {
            return "a string";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        return "a number";
    }
}
