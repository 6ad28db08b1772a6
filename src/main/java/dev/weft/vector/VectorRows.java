package dev.weft.vector;

import dev.weft.common.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** SQL on {@code vector_documents}, in the dialect H2 (PostgreSQL mode) and PostgreSQL share. */
final class VectorRows {

    private static final String COLUMNS =
            "SELECT collection, doc_id, embedding, metadata, content, created_at, updated_at FROM vector_documents";

    private final JdbcClient jdbc;

    VectorRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts or updates; returns the stored document (keeping the first creation time). */
    VectorDocument save(String appId, String collection, String docId, float[] embedding, JsonNode metadata,
                        String content, Instant now) {
        String encoded = Vectors.encode(embedding);
        String meta = Json.write(metadata);
        Optional<Instant> created = createdAt(appId, collection, docId);
        if (created.isEmpty()) {
            try {
                jdbc.sql("""
                        INSERT INTO vector_documents (app_id, collection, doc_id, embedding, dimensions, metadata, content,
                                                      created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(appId, collection, docId, encoded, embedding.length, meta, content, ts(now), ts(now))
                        .update();
                return new VectorDocument(collection, docId, embedding, metadata, content, now, now);
            } catch (DuplicateKeyException raced) {
                created = createdAt(appId, collection, docId);
            }
        }
        jdbc.sql("""
                UPDATE vector_documents SET embedding = ?, dimensions = ?, metadata = ?, content = ?, updated_at = ?
                WHERE app_id = ? AND collection = ? AND doc_id = ?""")
                .params(encoded, embedding.length, meta, content, ts(now), appId, collection, docId).update();
        return new VectorDocument(collection, docId, embedding, metadata, content, created.orElse(now), now);
    }

    boolean delete(String appId, String collection, String docId) {
        return jdbc.sql("DELETE FROM vector_documents WHERE app_id = ? AND collection = ? AND doc_id = ?")
                .params(appId, collection, docId).update() > 0;
    }

    Optional<VectorDocument> get(String appId, String collection, String docId) {
        return jdbc.sql(COLUMNS + " WHERE app_id = ? AND collection = ? AND doc_id = ?")
                .params(appId, collection, docId).query(VectorRows::document).optional();
    }

    List<VectorDocument> page(String appId, String collection, String afterDocId, int limit) {
        return jdbc.sql(COLUMNS + " WHERE app_id = ? AND collection = ? AND doc_id > ? ORDER BY doc_id LIMIT ?")
                .params(appId, collection, afterDocId == null ? "" : afterDocId, limit)
                .query(VectorRows::document).list();
    }

    List<VectorDocument> all(String appId, String collection) {
        return jdbc.sql(COLUMNS + " WHERE app_id = ? AND collection = ?")
                .params(appId, collection).query(VectorRows::document).list();
    }

    List<VectorIndex.CollectionInfo> collections(String appId) {
        return jdbc.sql("""
                SELECT collection, COUNT(*) AS documents, MAX(dimensions) AS dimensions FROM vector_documents
                WHERE app_id = ? GROUP BY collection ORDER BY collection""")
                .param(appId)
                .query((rs, row) -> new VectorIndex.CollectionInfo(rs.getString("collection"), rs.getLong("documents"),
                        rs.getInt("dimensions")))
                .list();
    }

    Segment.Fingerprint fingerprint(String appId, String collection) {
        return jdbc.sql("SELECT COUNT(*) AS n, MAX(updated_at) AS latest FROM vector_documents "
                        + "WHERE app_id = ? AND collection = ?")
                .params(appId, collection)
                .query((rs, row) -> new Segment.Fingerprint(rs.getLong("n"), instant(rs, "latest")))
                .single();
    }

    private Optional<Instant> createdAt(String appId, String collection, String docId) {
        return jdbc.sql("SELECT created_at FROM vector_documents WHERE app_id = ? AND collection = ? AND doc_id = ?")
                .params(appId, collection, docId).query((rs, row) -> instant(rs, "created_at")).optional();
    }

    private static VectorDocument document(ResultSet rs, int row) throws SQLException {
        return new VectorDocument(rs.getString("collection"), rs.getString("doc_id"),
                Vectors.decode(rs.getString("embedding")), Json.parse(rs.getString("metadata")), rs.getString("content"),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime ts(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
