package dev.weft.vector;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** A stored document; {@code embedding} is as given (not normalised). */
public record VectorDocument(String collection, String docId, float[] embedding, JsonNode metadata, String content,
                             Instant createdAt, Instant updatedAt) {

    public int dimensions() {
        return embedding.length;
    }
}
