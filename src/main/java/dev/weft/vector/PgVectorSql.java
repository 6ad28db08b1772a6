package dev.weft.vector;

import dev.weft.common.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The SQL {@link PgVectorIndex} sends, built apart from any connection so it can be tested
 * without pgvector. Embeddings live in a {@code vector} column without a fixed size (collections
 * differ in dimensions), so every query casts to the collection's size, and one partial HNSW index
 * per size makes that cast indexable.
 */
final class PgVectorSql {

    /** A statement and its parameters, in order. */
    record Statement(String sql, List<Object> params) {}

    static final String AVAILABLE = "SELECT 1 FROM pg_available_extensions WHERE name = 'vector'";
    static final String CREATE_EXTENSION = "CREATE EXTENSION IF NOT EXISTS vector";
    static final String INSTALLED = "SELECT 1 FROM pg_extension WHERE extname = 'vector'";
    static final String ADD_COLUMN = "ALTER TABLE vector_documents ADD COLUMN IF NOT EXISTS embedding_vec vector";

    private PgVectorSql() {}

    /** The partial HNSW index (cosine distance) for collections of {@code dimensions}-sized vectors. */
    static String createIndex(int dimensions) {
        requireDimensions(dimensions);
        return "CREATE INDEX IF NOT EXISTS vector_documents_hnsw_" + dimensions + " ON vector_documents USING hnsw "
                + "((embedding_vec::vector(" + dimensions + ")) vector_cosine_ops) WHERE dimensions = " + dimensions;
    }

    static Statement setEmbedding(String appId, String collection, String docId, float[] embedding) {
        return new Statement("UPDATE vector_documents SET embedding_vec = ?::vector "
                + "WHERE app_id = ? AND collection = ? AND doc_id = ?", List.of(literal(embedding), appId, collection, docId));
    }

    /**
     * Top-k by cosine distance ({@code <=>}), nearest first; the score is {@code 1 - distance}.
     * Metadata conditions become {@code jsonb} equality, which compares numbers by value like
     * {@link MetadataFilter} does.
     */
    static Statement query(String appId, String collection, float[] vector, int topK, MetadataFilter filter) {
        int d = vector.length;
        requireDimensions(d);
        String cast = "embedding_vec::vector(" + d + ")";
        String target = "?::vector(" + d + ")";
        List<Object> params = new ArrayList<>();
        String literal = literal(vector);
        params.add(literal);
        StringBuilder sql = new StringBuilder("SELECT doc_id, metadata, content, 1 - (" + cast + " <=> " + target
                + ") AS score FROM vector_documents WHERE app_id = ? AND collection = ? AND dimensions = " + d);
        params.add(appId);
        params.add(collection);
        for (MetadataFilter.Condition c : filter.conditions()) {
            if (c.anyOf().isEmpty()) {
                sql.append(" AND FALSE");
                continue;
            }
            StringJoiner anyOf = new StringJoiner(", ", " AND (metadata::jsonb -> ?) IN (", ")");
            params.add(c.key());
            for (var value : c.anyOf()) {
                anyOf.add("?::jsonb");
                params.add(Json.write(value));
            }
            sql.append(anyOf);
        }
        sql.append(" ORDER BY ").append(cast).append(" <=> ").append(target).append(" LIMIT ?");
        params.add(literal);
        params.add(topK);
        return new Statement(sql.toString(), List.copyOf(params));
    }

    /** pgvector's text form, {@code [1.0,2.5,...]}. */
    static String literal(float[] vector) {
        StringBuilder text = new StringBuilder(vector.length * 10).append('[');
        for (int i = 0; i < vector.length; i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(vector[i]);
        }
        return text.append(']').toString();
    }

    private static void requireDimensions(int dimensions) {
        // pgvector's HNSW index takes at most 2,000 dimensions; the value is also spliced into SQL.
        if (dimensions < 1 || dimensions > Vectors.MAX_DIMENSIONS) {
            throw new IllegalArgumentException("invalid dimensions: " + dimensions);
        }
    }
}
