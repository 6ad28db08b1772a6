package dev.weft.vector;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * What both vector engines share: documents are rows of {@code vector_documents}, read the same
 * way, and queries are checked the same way; the engines differ only in how they search.
 */
abstract class RowBackedVectorIndex implements VectorIndex {

    protected final VectorRows rows;
    protected final Clock clock;

    protected RowBackedVectorIndex(JdbcClient jdbc, Clock clock) {
        this.rows = new VectorRows(jdbc);
        this.clock = clock;
    }

    @Override
    public Optional<VectorDocument> get(String appId, String collection, String docId) {
        return CollectionName.isValid(collection) ? rows.get(appId, collection, docId) : Optional.empty();
    }

    @Override
    public List<VectorDocument> list(String appId, String collection, String afterDocId, int limit) {
        return CollectionName.isValid(collection) ? rows.page(appId, collection, afterDocId, limit) : List.of();
    }

    @Override
    public List<CollectionInfo> collections(String appId) {
        return rows.collections(appId);
    }

    /** Refuses a bad query vector, {@code topK} or filter; returns the parsed filter. */
    protected static MetadataFilter checkQuery(float[] vector, int topK, JsonNode filter) {
        if (topK < 1) {
            throw new IllegalArgumentException("topK must be at least 1");
        }
        Vectors.check(vector);
        return MetadataFilter.parse(filter);
    }
}
