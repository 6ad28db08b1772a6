package dev.weft.definition;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** A saved version of a definition. {@code builtIn} marks the predefined workflows every app has. */
public record StoredDefinition(String slug, int version, JsonNode definition, Instant createdAt, boolean builtIn) {}
