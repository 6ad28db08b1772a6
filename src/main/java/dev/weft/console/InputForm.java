package dev.weft.console;

import dev.weft.common.InvalidFieldException;
import dev.weft.common.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A run form generated from a workflow's {@code inputSchema}: one field per property (text,
 * number, checkbox, choice, a list one item per line) and raw JSON for what a form cannot say
 * (nested objects, untyped values), and the way back from the submitted fields to the input.
 */
public final class InputForm {

    /** How a field is edited. */
    public enum Kind { TEXT, LONG_TEXT, NUMBER, INTEGER, BOOLEAN, CHOICE, LIST, JSON }

    /** One field of the form. */
    public record Field(String name, Kind kind, boolean required, String description, List<String> choices,
                        String initial, String itemType) {

        /** The form parameter carrying this field. */
        public String param() {
            return "in." + name;
        }

        public String kindName() {
            return kind.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private InputForm() {}

    /** The fields of a schema's top-level properties, in their order. */
    public static List<Field> fields(JsonNode schema) {
        List<Field> fields = new ArrayList<>();
        if (schema == null || !schema.path("properties").isObject()) {
            return fields;
        }
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(r -> required.add(r.asString()));
        for (Map.Entry<String, JsonNode> p : schema.get("properties").properties()) {
            JsonNode s = p.getValue();
            String type = s.path("type").isString() ? s.path("type").asString() : null;
            List<String> choices = new ArrayList<>();
            s.path("enum").forEach(v -> choices.add(v.isString() ? v.asString() : v.toString()));
            Kind kind;
            String itemType = null;
            if (!choices.isEmpty()) {
                kind = Kind.CHOICE;
            } else if ("string".equals(type)) {
                kind = s.path("maxLength").asInt(Integer.MAX_VALUE) <= 200 ? Kind.TEXT : Kind.LONG_TEXT;
            } else if ("number".equals(type)) {
                kind = Kind.NUMBER;
            } else if ("integer".equals(type)) {
                kind = Kind.INTEGER;
            } else if ("boolean".equals(type)) {
                kind = Kind.BOOLEAN;
            } else if ("array".equals(type) && scalar(s.path("items").path("type").asString(""))) {
                kind = Kind.LIST;
                itemType = s.path("items").path("type").asString();
            } else {
                kind = Kind.JSON;
            }
            JsonNode initial = s.get("default");
            String text = initial == null ? null : switch (kind) {
                case LIST -> {
                    StringBuilder lines = new StringBuilder();
                    initial.forEach(v -> lines.append(v.isString() ? v.asString() : v.toString()).append('\n'));
                    yield lines.toString().strip();
                }
                case JSON -> Json.write(initial);
                default -> initial.isString() ? initial.asString() : initial.toString();
            };
            fields.add(new Field(p.getKey(), kind, required.contains(p.getKey()), s.path("description").asString(null),
                    choices, text, itemType));
        }
        return fields;
    }

    private static boolean scalar(String type) {
        return type.equals("string") || type.equals("number") || type.equals("integer") || type.equals("boolean");
    }

    /**
     * The run input from the submitted form: {@code raw}, when given, is the whole input as JSON;
     * otherwise each field's text converted to its type (empty fields left out, checkboxes false
     * when unticked). A value that is not of its type is a 422 naming the field.
     */
    public static JsonNode input(List<Field> fields, Map<String, String> params, String raw) {
        if (raw != null && !raw.isBlank()) {
            try {
                return Json.parse(raw);
            } catch (RuntimeException e) {
                throw new InvalidFieldException("input", "must be a JSON object, such as {\"prompt\": \"a red fox\"}");
            }
        }
        ObjectNode input = Json.object();
        for (Field f : fields) {
            String text = params.get(f.param());
            if (f.kind() == Kind.BOOLEAN) {
                input.put(f.name(), text != null && (text.equals("true") || text.equals("on")));
                continue;
            }
            if (text == null || text.isBlank()) {
                continue;
            }
            switch (f.kind()) {
                case NUMBER, INTEGER -> input.set(f.name(), number(f, text.strip()));
                case LIST -> {
                    ArrayNode items = input.putArray(f.name());
                    for (String line : text.split("\\R")) {
                        if (!line.isBlank()) {
                            items.add(scalarValue(f, f.itemType(), line.strip()));
                        }
                    }
                }
                case JSON -> {
                    try {
                        input.set(f.name(), Json.parse(text));
                    } catch (RuntimeException e) {
                        throw new InvalidFieldException("input." + f.name(), "must be JSON");
                    }
                }
                default -> input.put(f.name(), text);
            }
        }
        return input;
    }

    private static JsonNode number(Field f, String text) {
        try {
            return f.kind() == Kind.INTEGER ? Json.MAPPER.getNodeFactory().numberNode(Long.parseLong(text))
                    : Json.MAPPER.getNodeFactory().numberNode(new java.math.BigDecimal(text));
        } catch (NumberFormatException e) {
            throw new InvalidFieldException("input." + f.name(), "must be " + (f.kind() == Kind.INTEGER ? "an integer" : "a number"));
        }
    }

    private static JsonNode scalarValue(Field f, String type, String text) {
        return switch (type) {
            case "number", "integer" -> number(new Field(f.name(), type.equals("integer") ? Kind.INTEGER : Kind.NUMBER,
                    false, null, List.of(), null, null), text);
            case "boolean" -> Json.MAPPER.getNodeFactory().booleanNode(Boolean.parseBoolean(text));
            default -> Json.text(text);
        };
    }
}
