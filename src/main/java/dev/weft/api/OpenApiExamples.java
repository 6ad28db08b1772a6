package dev.weft.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An example for every request body and every JSON response of the OpenAPI description. The
 * common operations have hand-written ones ({@code classpath:openapi/examples.json}, keyed by
 * {@code "METHOD /path"}, each with {@code request} and/or {@code response}, or {@code responses} by
 * status code when an operation answers with several bodies); every other body gets
 * one built from its schema (enum values, formats, nested objects and lists), named
 * {@code from-schema} and summarised as such so a reader can tell them apart.
 */
final class OpenApiExamples {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, JsonNode> WRITTEN = load();
    private static final int MAX_DEPTH = 6;

    private OpenApiExamples() {}

    static void apply(String key, Operation operation, Components components) {
        JsonNode written = WRITTEN.get(key);
        if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
            exemplify(operation.getRequestBody().getContent(), written == null ? null : written.get("request"), components);
        }
        if (operation.getResponses() == null) {
            return;
        }
        for (Map.Entry<String, ApiResponse> response : operation.getResponses().entrySet()) {
            if (!response.getKey().startsWith("2") || response.getValue().getContent() == null) {
                continue;
            }
            JsonNode example = written == null ? null
                    : written.has("responses") ? written.get("responses").get(response.getKey()) : written.get("response");
            exemplify(response.getValue().getContent(), example, components);
        }
    }

    private static void exemplify(Content content, JsonNode written, Components components) {
        for (Map.Entry<String, MediaType> entry : content.entrySet()) {
            MediaType media = entry.getValue();
            if (!entry.getKey().contains("json") || media.getExample() != null
                    || (media.getExamples() != null && !media.getExamples().isEmpty())) {
                continue;
            }
            if (written != null) {
                media.addExamples("example", new Example().summary("an example").value(JSON.convertValue(written, Object.class)));
            } else if (media.getSchema() != null) {
                media.addExamples("from-schema", new Example().summary("built from the schema")
                        .value(sample(media.getSchema(), components, 0)));
            }
        }
    }

    /** A value that fits {@code schema}: its example, default or first enum value, else one of its type. */
    static Object sample(Schema<?> schema, Components components, int depth) {
        if (schema == null || depth > MAX_DEPTH) {
            return null;
        }
        if (schema.get$ref() != null && components != null && components.getSchemas() != null) {
            String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
            return sample(components.getSchemas().get(name), components, depth + 1);
        }
        if (schema.getExample() != null) {
            return schema.getExample();
        }
        if (schema.getDefault() != null) {
            return schema.getDefault();
        }
        if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
            return schema.getEnum().getFirst();
        }
        String type = schema.getType() != null ? schema.getType()
                : schema.getTypes() != null && !schema.getTypes().isEmpty() ? schema.getTypes().iterator().next() : null;
        if (schema.getProperties() != null && !schema.getProperties().isEmpty()) {
            type = "object";
        }
        if (type == null) {
            return schema.getItems() != null ? listOf(sample(schema.getItems(), components, depth + 1)) : Map.of();
        }
        return switch (type) {
            case "string" -> stringSample(schema.getFormat());
            case "integer" -> 1;
            case "number" -> 0.5;
            case "boolean" -> true;
            case "array" -> schema.getItems() == null ? List.of() : listOf(sample(schema.getItems(), components, depth + 1));
            case "object" -> {
                Map<String, Object> object = new LinkedHashMap<>();
                if (schema.getProperties() != null) {
                    schema.getProperties().forEach((name, property) -> {
                        Object value = sample(property, components, depth + 1);
                        if (value != null) {
                            object.put(name, value);
                        }
                    });
                }
                yield object;
            }
            default -> null;
        };
    }

    private static List<Object> listOf(Object element) {
        return element == null ? List.of() : List.of(element);
    }

    private static String stringSample(String format) {
        if (format == null) {
            return "string";
        }
        return switch (format) {
            case "date-time" -> "2026-12-02T09:00:00Z";
            case "date" -> "2026-12-02";
            case "uri", "url" -> "https://weft.example.com/v1/workflows/runs/0196e7a2-5b1c-7000-8000-000000000001";
            case "uuid" -> "0196e7a2-5b1c-7000-8000-000000000001";
            default -> "string";
        };
    }

    private static Map<String, JsonNode> load() {
        try (InputStream in = OpenApiExamples.class.getResourceAsStream("/openapi/examples.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi/examples.json is missing from the classpath");
            }
            Map<String, JsonNode> map = new LinkedHashMap<>();
            JSON.readTree(in).properties().forEach(e -> map.put(e.getKey(), e.getValue()));
            return Map.copyOf(map);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
