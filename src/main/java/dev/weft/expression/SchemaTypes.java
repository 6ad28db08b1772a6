package dev.weft.expression;

import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.NullableType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Turns JSON Schemas into CEL types for the type checker, and serves the object types it made.
 *
 * <p>An object schema with {@code properties} and no {@code additionalProperties} (or
 * {@code false}) becomes a closed object type: reading a field it does not list is a mistake the
 * checker reports. {@code additionalProperties: true}, an object without {@code properties}, a
 * union ({@code anyOf}, a list of types) or no type at all is dynamic: anything may be read.
 * {@code additionalProperties} with a schema and no {@code properties} is a map of that schema.
 * Strings, booleans and integers are typed and may be null (a JSON {@code null} or an absent field
 * reads as null); {@code number} is dynamic, since JSON does not say whether {@code 3} is an int
 * or a double.
 *
 * <p>Object types are named {@code "object <path>"}, e.g. {@code object steps.write.output}: the
 * path is what a user writes, and the space keeps the name from being read as a qualified
 * identifier, and it tells a problem which object lacks a field.
 */
final class SchemaTypes implements CelTypeProvider {

    private static final int MAX_DEPTH = 32;
    private static final String PREFIX = "object ";

    private final Map<String, StructType> structs = new LinkedHashMap<>();
    private final Map<String, Map<String, CelType>> fieldsByName = new LinkedHashMap<>();

    /** The CEL type for values described by {@code schema} found at {@code path}; dyn for null. */
    CelType of(JsonNode schema, String path) {
        return of(schema, path, 0);
    }

    private CelType of(JsonNode schema, String path, int depth) {
        if (schema == null || !schema.isObject() || depth > MAX_DEPTH) {
            return SimpleType.DYN;
        }
        JsonNode type = schema.get("type");
        if (type == null || !type.isString()) {
            return SimpleType.DYN;
        }
        return switch (type.asString()) {
            case "string" -> NullableType.create(SimpleType.STRING);
            case "boolean" -> NullableType.create(SimpleType.BOOL);
            case "integer" -> NullableType.create(SimpleType.INT);
            case "array" -> ListType.create(of(schema.get("items"), path + "[]", depth + 1));
            case "object" -> object(schema, path, depth);
            default -> SimpleType.DYN;
        };
    }

    private CelType object(JsonNode schema, String path, int depth) {
        JsonNode properties = schema.get("properties");
        JsonNode additional = schema.get("additionalProperties");
        boolean closed = additional == null || (additional.isBoolean() && !additional.asBoolean());
        if (properties != null && properties.isObject() && !properties.isEmpty() && closed) {
            Map<String, CelType> fields = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> p : properties.properties()) {
                fields.put(p.getKey(), of(p.getValue(), path + "." + p.getKey(), depth + 1));
            }
            return struct(path, fields);
        }
        if ((properties == null || properties.isEmpty()) && additional != null && additional.isObject()) {
            return MapType.create(SimpleType.STRING, of(additional, path + ".*", depth + 1));
        }
        return SimpleType.DYN;
    }

    /** A closed object type with these fields, known to the checker by its path. */
    StructType struct(String path, Map<String, CelType> fields) {
        String name = PREFIX + path;
        Map<String, CelType> copy = Map.copyOf(fields);
        StructType type = StructType.create(name, ImmutableSet.copyOf(fields.keySet()),
                field -> Optional.ofNullable(copy.get(field)));
        structs.put(name, type);
        fieldsByName.put(name, copy);
        return type;
    }

    /** The fields of the object type at {@code path}, or empty when there is none. */
    Optional<Map<String, CelType>> fieldsAt(String path) {
        return Optional.ofNullable(fieldsByName.get(PREFIX + path));
    }

    @Override
    public ImmutableCollection<CelType> types() {
        return ImmutableList.copyOf(structs.values());
    }

    @Override
    public Optional<CelType> findType(String typeName) {
        return Optional.ofNullable(structs.get(typeName));
    }
}
