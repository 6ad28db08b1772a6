package dev.weft.expression;

import com.google.common.primitives.UnsignedLong;
import com.google.protobuf.ByteString;
import dev.cel.common.types.CelType;
import dev.cel.common.values.CelByteString;
import dev.cel.common.values.NullValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Converts JSON values to CEL values and back. */
final class CelJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CelJson() {}

    /**
     * JSON to CEL: objects to maps, arrays to lists, integers to long, other numbers to double
     * (integers beyond 64 bits too, with a double's precision).
     *
     * @param name what the value is called in expressions, for the message of a value that has no
     *             CEL form
     * @throws IllegalArgumentException naming the path of a number too large for a double
     */
    static Object toCel(JsonNode node, String name) {
        return new ToCel(name).convert(node);
    }

    /** One conversion; keeps the path to the current node so an error can name it. */
    private static final class ToCel {
        private final java.util.ArrayDeque<String> path = new java.util.ArrayDeque<>();

        ToCel(String name) {
            path.addLast(name);
        }

        Object convert(JsonNode node) {
            if (node == null || node.isNull() || node.isMissingNode()) {
                return NullValue.NULL_VALUE;
            }
            if (node.isObject()) {
                Map<String, Object> map = new LinkedHashMap<>();
                node.properties().forEach(e -> {
                    path.addLast("." + e.getKey());
                    map.put(e.getKey(), convert(e.getValue()));
                    path.removeLast();
                });
                return map;
            }
            if (node.isArray()) {
                List<Object> list = new ArrayList<>(node.size());
                int i = 0;
                for (JsonNode v : node.values()) {
                    path.addLast("[" + i++ + "]");
                    list.add(convert(v));
                    path.removeLast();
                }
                return list;
            }
            if (node.isIntegralNumber() && node.canConvertToLong()) {
                return node.longValue();
            }
            if (node.isNumber()) {
                double d = node.numberValue().doubleValue();
                if (!Double.isFinite(d)) {
                    throw new IllegalArgumentException(String.join("", path) + " is a number too large for an"
                            + " expression (beyond ±1.8e308): " + abbreviate(node.numberValue().toString()));
                }
                return d;
            }
            if (node.isBoolean()) {
                return node.booleanValue();
            }
            if (node.isBinary()) {
                return CelByteString.of(node.binaryValue());
            }
            return node.asString();
        }

        private static String abbreviate(String digits) {
            return digits.length() <= 24 ? digits : digits.substring(0, 12) + "…(" + digits.length() + " digits)";
        }
    }

    /** CEL to JSON; bytes become base64, timestamps and durations ISO-8601 strings. */
    static JsonNode toJson(Object value) {
        return switch (value) {
            case null -> NODES.nullNode();
            case NullValue ignored -> NODES.nullNode();
            case Boolean b -> NODES.booleanNode(b);
            case Long l when l == l.intValue() -> NODES.numberNode(l.intValue());
            case Long l -> NODES.numberNode(l);
            case Integer i -> NODES.numberNode(i.longValue());
            case UnsignedLong u -> NODES.numberNode(u.bigIntegerValue());
            case Double d -> doubleNode(d);
            case String s -> NODES.stringNode(s);
            case CelByteString bytes -> NODES.stringNode(Base64.getEncoder().encodeToString(bytes.toByteArray()));
            case ByteString bytes -> NODES.stringNode(Base64.getEncoder().encodeToString(bytes.toByteArray()));
            case Instant instant -> NODES.stringNode(instant.toString());
            case Duration duration -> NODES.stringNode(duration.toString());
            case com.google.protobuf.Timestamp t ->
                    NODES.stringNode(Instant.ofEpochSecond(t.getSeconds(), t.getNanos()).toString());
            case com.google.protobuf.Duration d ->
                    NODES.stringNode(Duration.ofSeconds(d.getSeconds(), d.getNanos()).toString());
            case Optional<?> optional -> toJson(optional.orElse(null));
            case CelType type -> NODES.stringNode(type.name());
            case Map<?, ?> map -> {
                ObjectNode object = NODES.objectNode();
                map.forEach((k, v) -> object.set(String.valueOf(k), toJson(v)));
                yield object;
            }
            case Iterable<?> list -> {
                ArrayNode array = NODES.arrayNode();
                list.forEach(v -> array.add(toJson(v)));
                yield array;
            }
            default -> throw new IllegalArgumentException(
                    "an expression produced a " + typeName(value) + ", which has no JSON form");
        };
    }

    /** The text an interpolated value contributes: strings raw, null empty, the rest as JSON. */
    static String toText(JsonNode value) {
        if (value.isNull()) {
            return "";
        }
        return value.isString() ? value.asString() : value.toString();
    }

    /** A CEL-flavoured type name for messages. */
    static String typeName(Object value) {
        return switch (value) {
            case null -> "null";
            case NullValue ignored -> "null";
            case Boolean ignored -> "bool";
            case Long ignored -> "int";
            case UnsignedLong ignored -> "uint";
            case Double ignored -> "double";
            case String ignored -> "string";
            case CelByteString ignored -> "bytes";
            case Instant ignored -> "timestamp";
            case Duration ignored -> "duration";
            case Map<?, ?> ignored -> "map";
            case List<?> ignored -> "list";
            default -> value.getClass().getSimpleName();
        };
    }

    private static JsonNode doubleNode(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("an expression produced " + d + ", which JSON cannot represent");
        }
        return NODES.numberNode(d);
    }
}
