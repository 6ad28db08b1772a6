package dev.weft.definition;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import tools.jackson.databind.JsonNode;

/**
 * JSON Schema (draft 2020-12 by default) for workflow inputs and step inputs, through networknt's
 * validator. Remote {@code $ref}s are never fetched: a schema must be self-contained, so saving a
 * definition cannot make the server call out.
 */
public final class InputSchemas {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaLoader(loader -> loader.fetchRemoteResources(false)));
    private static final int CACHE_LIMIT = 2_000;
    private static final ConcurrentMap<Identity, Schema> CACHE = new ConcurrentHashMap<>();

    private InputSchemas() {}

    /** A problem that makes the schema unusable, or empty when it loads. */
    public static Optional<String> check(JsonNode schema) {
        try {
            REGISTRY.getSchema(schema).validate(tools.jackson.databind.node.JsonNodeFactory.instance.objectNode());
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of("inputSchema is not a usable JSON Schema: " + e.getMessage());
        }
    }

    /** Each violation as {@code (location, message)}; empty when the document is valid. */
    public static List<Violation> validate(JsonNode schema, JsonNode document) {
        List<Error> errors = compile(schema).validate(document);
        return errors.stream()
                .map(e -> new Violation(location(e), e.getMessage()))
                .toList();
    }

    /**
     * Step types and parsed definitions hand over the same schema instance every time, so the
     * cache is keyed by identity: no serialisation or deep comparison on the hot path.
     */
    private static Schema compile(JsonNode schema) {
        Identity key = new Identity(schema);
        Schema cached = CACHE.get(key);
        if (cached != null) {
            return cached;
        }
        Schema compiled = REGISTRY.getSchema(schema);
        if (CACHE.size() >= CACHE_LIMIT) {
            CACHE.clear(); // one-off plans leave instances that are never asked for again
        }
        CACHE.put(key, compiled);
        return compiled;
    }

    /** A map key that is equal only to the very same node. */
    private record Identity(JsonNode node) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Identity other && other.node == node;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(node);
        }
    }

    private static String location(Error e) {
        String path = e.getInstanceLocation() == null ? "" : e.getInstanceLocation().toString();
        if (path.startsWith("$")) {
            path = path.substring(1);
        }
        if (path.startsWith("/")) { // JSON pointer form: /a/0/b -> a.0.b
            path = path.substring(1).replace("~1", "\u0000").replace('/', '.').replace("\u0000", "/").replace("~0", "~");
        }
        if (path.startsWith(".")) {
            path = path.substring(1);
        }
        if (e.getProperty() != null && "required".equals(e.getKeyword())) {
            path = path.isEmpty() ? e.getProperty() : path + "." + e.getProperty();
        }
        return path;
    }

    /** @param location dotted path into the document, empty for the root */
    public record Violation(String location, String message) {}
}
