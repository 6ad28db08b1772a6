package dev.weft.vector;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * {@link VectorIndex} on PostgreSQL with the pgvector extension: the {@code vector_documents} rows
 * stay the truth (as for {@link JdbcVectorIndex}), each also carrying its embedding in a
 * {@code vector} column, and queries are answered by the database ({@code ORDER BY <=>}, an HNSW
 * index per dimension count), so no process holds vectors in memory. Used only when
 * {@link #tryCreate} finds the extension; SQL in {@link PgVectorSql}.
 *
 * <p>Not exercised by the test suite (pgvector is not packaged for the build machine's PostgreSQL);
 * its SQL is unit-tested.
 */
public class PgVectorIndex extends RowBackedVectorIndex {

    public static final String ENGINE = "pgvector";
    /** pgvector cannot index larger {@code vector}s with HNSW; those collections are scanned. */
    static final int MAX_INDEXED_DIMENSIONS = 2000;
    private static final Logger log = LoggerFactory.getLogger(PgVectorIndex.class);

    private final JdbcClient jdbc;
    private final Set<Integer> indexed = ConcurrentHashMap.newKeySet();

    private PgVectorIndex(JdbcClient jdbc, Clock clock) {
        super(jdbc, clock);
        this.jdbc = jdbc;
    }

    /**
     * The index when pgvector is installed, or available and this user may install it; then also
     * adds the {@code vector} column and fills it for documents written before. Empty otherwise.
     */
    public static Optional<PgVectorIndex> tryCreate(JdbcClient jdbc, Clock clock) {
        if (jdbc.sql(PgVectorSql.AVAILABLE).query().listOfRows().isEmpty()) {
            return Optional.empty();
        }
        try {
            jdbc.sql(PgVectorSql.CREATE_EXTENSION).update();
        } catch (DataAccessException e) {
            log.warn("pgvector is available but could not be installed ({}); using exact search", e.getMessage());
        }
        if (jdbc.sql(PgVectorSql.INSTALLED).query().listOfRows().isEmpty()) {
            return Optional.empty();
        }
        jdbc.sql(PgVectorSql.ADD_COLUMN).update();
        PgVectorIndex index = new PgVectorIndex(jdbc, clock);
        index.backfill();
        return Optional.of(index);
    }

    private void backfill() {
        List<Map<String, Object>> missing = jdbc.sql("SELECT app_id, collection, doc_id, embedding, dimensions "
                + "FROM vector_documents WHERE embedding_vec IS NULL").query().listOfRows();
        for (Map<String, Object> row : missing) {
            setEmbedding((String) row.get("app_id"), (String) row.get("collection"), (String) row.get("doc_id"),
                    Vectors.decode((String) row.get("embedding")));
        }
    }

    @Override
    public VectorDocument upsert(String appId, String collection, String docId, float[] embedding, JsonNode metadata,
                                 String content) {
        CollectionName.require(collection);
        CollectionName.requireDocId(docId);
        Vectors.check(embedding);
        if (metadata != null && !metadata.isNull() && !metadata.isObject()) {
            throw new IllegalArgumentException("metadata must be a JSON object");
        }
        JsonNode meta = metadata == null || metadata.isNull() ? null : metadata;
        Integer held = jdbc.sql("SELECT MIN(dimensions) FROM vector_documents WHERE app_id = ? AND collection = ? "
                + "AND doc_id <> ?").params(appId, collection, docId).query(Integer.class).optional().orElse(null);
        if (held != null && held != embedding.length) {
            throw new DimensionMismatchException(collection, held, embedding.length);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        VectorDocument saved = rows.save(appId, collection, docId, embedding, meta, content, now);
        setEmbedding(appId, collection, docId, embedding);
        return saved;
    }

    private void setEmbedding(String appId, String collection, String docId, float[] embedding) {
        PgVectorSql.Statement update = PgVectorSql.setEmbedding(appId, collection, docId, embedding);
        jdbc.sql(update.sql()).params(update.params()).update();
        int d = embedding.length;
        if (d <= MAX_INDEXED_DIMENSIONS && indexed.add(d)) {
            jdbc.sql(PgVectorSql.createIndex(d)).update();
        }
    }

    @Override
    public boolean delete(String appId, String collection, String docId) {
        return CollectionName.isValid(collection) && rows.delete(appId, collection, docId);
    }




    @Override
    public String engine() {
        return ENGINE;
    }

    @Override
    public List<Match> query(String appId, String collection, float[] vector, int topK, JsonNode filter) {
        MetadataFilter parsed = checkQuery(vector, topK, filter);
        if (!CollectionName.isValid(collection)) {
            return List.of();
        }
        Integer held = jdbc.sql("SELECT MIN(dimensions) FROM vector_documents WHERE app_id = ? AND collection = ?")
                .params(appId, collection).query(Integer.class).optional().orElse(null);
        if (held == null) {
            return List.of();
        }
        if (held != vector.length) {
            throw new DimensionMismatchException(collection, held, vector.length);
        }
        PgVectorSql.Statement query = PgVectorSql.query(appId, collection, vector, topK, parsed);
        return jdbc.sql(query.sql()).params(query.params())
                .query((rs, n) -> new Match(rs.getString("doc_id"), Math.max(-1, Math.min(1, rs.getDouble("score"))),
                        dev.weft.common.Json.parse(rs.getString("metadata")), rs.getString("content")))
                .list();
    }
}
