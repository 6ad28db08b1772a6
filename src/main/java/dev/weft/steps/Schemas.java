package dev.weft.steps;

import dev.weft.common.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import tools.jackson.databind.JsonNode;

/** Loads a step type's input and output schemas from {@code classpath:steps/<type>.schema.json}. */
public final class Schemas {

    private Schemas() {}

    /** @return the document with {@code input} and {@code output} schema members */
    public static JsonNode load(String type) {
        String path = "/steps/" + type + ".schema.json";
        try (InputStream in = Schemas.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing schema resource " + path);
            }
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
