package dev.weft.vector.web;

import dev.weft.vector.VectorDocument;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** A document as the API shows it; the embedding only when a single document is read. */
record DocumentView(String id, String collection, int dimensions, JsonNode metadata, String content,
                    float[] embedding, Instant createdAt, Instant updatedAt) {

    static DocumentView of(VectorDocument d, boolean withEmbedding) {
        return new DocumentView(d.docId(), d.collection(), d.dimensions(), d.metadata(), d.content(),
                withEmbedding ? d.embedding() : null, d.createdAt(), d.updatedAt());
    }
}
