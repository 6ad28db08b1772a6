package dev.weft.steps;

import tools.jackson.databind.JsonNode;

/**
 * A step type whose description and schemas come from {@code classpath:steps/<type>.schema.json},
 * so the documentation served by the catalogue and the schema the engine validates are one file.
 */
public abstract class SchemaBackedStep implements StepHandler {

    private final String type;
    private final JsonNode schema;

    protected SchemaBackedStep(String type) {
        this.type = type;
        this.schema = Schemas.load(type);
        if (!schema.path("description").isString() || !schema.path("input").isObject()
                || !schema.path("output").isObject()) {
            throw new IllegalStateException("steps/" + type + ".schema.json needs description, input and output");
        }
    }

    @Override
    public final String type() {
        return type;
    }

    @Override
    public final String description() {
        return schema.get("description").asString();
    }

    @Override
    public final JsonNode inputSchema() {
        return schema.get("input");
    }

    @Override
    public final JsonNode outputSchema() {
        return schema.get("output");
    }
}
