package dev.weft.vector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A deliberately small metadata filter: a JSON object whose every top-level key must match.
 * <ul>
 *   <li>{@code {"category": "cats"}}: the document's {@code category} equals {@code "cats"}
 *       (any JSON value; numbers compare by value, so {@code 1} equals {@code 1.0});</li>
 *   <li>{@code {"tag": {"$in": ["a", "b"]}}}: {@code tag} equals one of the listed values.</li>
 * </ul>
 * Keys are ANDed; a document lacking a key does not match. Null or {@code {}} matches everything.
 */
public final class MetadataFilter {

    public static final MetadataFilter ALL = new MetadataFilter(List.of());

    /** One top-level key and the values it may equal. */
    public record Condition(String key, List<JsonNode> anyOf) {}

    private final List<Condition> conditions;

    private MetadataFilter(List<Condition> conditions) {
        this.conditions = conditions;
    }

    /** @throws IllegalArgumentException when the filter is not of the form above */
    public static MetadataFilter parse(JsonNode filter) {
        if (filter == null || filter.isNull()) {
            return ALL;
        }
        if (!filter.isObject()) {
            throw new IllegalArgumentException("filter must be a JSON object");
        }
        List<Condition> conditions = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : filter.properties()) {
            conditions.add(condition(entry.getKey(), entry.getValue()));
        }
        return new MetadataFilter(List.copyOf(conditions));
    }

    private static Condition condition(String key, JsonNode value) {
        if (!value.isObject()) {
            return new Condition(key, List.of(value));
        }
        JsonNode in = value.get("$in");
        if (value.size() != 1 || in == null || !in.isArray()) {
            throw new IllegalArgumentException("filter." + key + " must be a value or {\"$in\": [values]}");
        }
        List<JsonNode> values = new ArrayList<>();
        in.forEach(values::add);
        return new Condition(key, List.copyOf(values));
    }

    public boolean matches(JsonNode metadata) {
        for (Condition c : conditions) {
            JsonNode actual = metadata == null ? null : metadata.get(c.key());
            if (actual == null || c.anyOf().stream().noneMatch(expected -> same(expected, actual))) {
                return false;
            }
        }
        return true;
    }

    /** The conditions, all of which must hold (for stores that filter in SQL). */
    public List<Condition> conditions() {
        return conditions;
    }

    public boolean matchesAll() {
        return conditions.isEmpty();
    }

    private static boolean same(JsonNode expected, JsonNode actual) {
        if (expected.isNumber() && actual.isNumber()) {
            return expected.decimalValue().compareTo(actual.decimalValue()) == 0;
        }
        return expected.equals(actual);
    }
}
