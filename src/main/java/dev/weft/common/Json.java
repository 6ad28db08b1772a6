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
}
