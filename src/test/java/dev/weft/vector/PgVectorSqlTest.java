package dev.weft.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.common.Json;
import org.junit.jupiter.api.Test;

/** The SQL of {@link PgVectorIndex}, checked without pgvector (not packaged for this machine's PostgreSQL). */
class PgVectorSqlTest {

    @Test
    void ordersByCosineDistanceCastToTheQuerysDimensionsWithTheScoreAsOneMinusDistance() {
        PgVectorSql.Statement q = PgVectorSql.query("app", "docs", new float[] {1f, 0.5f, -2f}, 10, MetadataFilter.ALL);

        assertThat(q.sql()).isEqualTo("SELECT doc_id, metadata, content, 1 - (embedding_vec::vector(3) <=> ?::vector(3)) "
                + "AS score FROM vector_documents WHERE app_id = ? AND collection = ? AND dimensions = 3 "
                + "ORDER BY embedding_vec::vector(3) <=> ?::vector(3) LIMIT ?");
        assertThat(q.params()).containsExactly("[1.0,0.5,-2.0]", "app", "docs", "[1.0,0.5,-2.0]", 10);
    }

    @Test
    void turnsEachMetadataConditionIntoJsonbEqualityBoundAsParameters() {
        MetadataFilter filter = MetadataFilter.parse(Json.parse(
                "{\"category\": \"cats\", \"year\": {\"$in\": [2024, 2025]}, \"none\": {\"$in\": []}}"));

        PgVectorSql.Statement q = PgVectorSql.query("app", "docs", new float[] {1f}, 5, filter);

        assertThat(q.sql()).contains("AND dimensions = 1 AND (metadata::jsonb -> ?) IN (?::jsonb) "
                + "AND (metadata::jsonb -> ?) IN (?::jsonb, ?::jsonb) AND FALSE ORDER BY");
        assertThat(q.params()).containsExactly("[1.0]", "app", "docs", "category", "\"cats\"", "year", "2024", "2025",
                "[1.0]", 5);
    }

    @Test
    void keysAndValuesNeverReachTheSqlText() {
        MetadataFilter filter = MetadataFilter.parse(Json.parse("{\"x') OR 1=1 --\": \"'; DROP TABLE runs; --\"}"));

        PgVectorSql.Statement q = PgVectorSql.query("app", "docs", new float[] {1f}, 1, filter);

        assertThat(q.sql()).doesNotContain("DROP").doesNotContain("1=1");
    }

    @Test
    void makesOnePartialHnswIndexPerDimensionCount() {
        assertThat(PgVectorSql.createIndex(384)).isEqualTo("CREATE INDEX IF NOT EXISTS vector_documents_hnsw_384 ON "
                + "vector_documents USING hnsw ((embedding_vec::vector(384)) vector_cosine_ops) WHERE dimensions = 384");
        assertThatThrownBy(() -> PgVectorSql.createIndex(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void storesTheEmbeddingInPgvectorsTextForm() {
        PgVectorSql.Statement s = PgVectorSql.setEmbedding("app", "docs", "d1", new float[] {0.25f, 3f});

        assertThat(s.sql()).isEqualTo("UPDATE vector_documents SET embedding_vec = ?::vector "
                + "WHERE app_id = ? AND collection = ? AND doc_id = ?");
        assertThat(s.params()).containsExactly("[0.25,3.0]", "app", "docs", "d1");
    }

    @Test
    void detectsTheExtensionThroughTheCatalogue() {
        assertThat(PgVectorSql.AVAILABLE).isEqualTo("SELECT 1 FROM pg_available_extensions WHERE name = 'vector'");
        assertThat(PgVectorSql.CREATE_EXTENSION).isEqualTo("CREATE EXTENSION IF NOT EXISTS vector");
    }
}
