package dev.weft.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.weft.common.Json;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What every {@link VectorIndex} keeps to, run on each implementation: the exact in-memory engine
 * on H2 and on PostgreSQL, and pgvector where the extension is installed.
 */
abstract class VectorIndexContractTest {

    /** A fresh, migrated database for each test. */
    protected abstract JdbcClient database();

    /** An index of this implementation on {@code jdbc}; called again to stand for a restart or another process. */
    protected abstract VectorIndex newIndex(JdbcClient jdbc);

    private final JdbcClient jdbc = database();
    private final VectorIndex index = newIndex(jdbc);

    @Test
    void ranksDocumentsByCosineSimilarityBestFirst() {
        index.upsert("app-a", "docs", "east", new float[] {1, 0, 0}, null, "east");
        index.upsert("app-a", "docs", "north-east", new float[] {8, 6, 0}, null, null);
        index.upsert("app-a", "docs", "up", new float[] {0, 0, 1}, null, null);

        List<VectorIndex.Match> matches = index.query("app-a", "docs", new float[] {2, 0, 0}, 2, null);

        assertThat(matches).extracting(VectorIndex.Match::docId).containsExactly("east", "north-east");
        assertThat(matches.get(0).score()).isCloseTo(1.0, within(1e-6));
        assertThat(matches.get(0).content()).isEqualTo("east");
        assertThat(matches.get(1).score()).isCloseTo(0.8, within(1e-6));
    }

    @Test
    void filtersOnMetadataEqualityAndInLists() {
        index.upsert("app-a", "pets", "tom", new float[] {1, 0}, Json.parse("{\"category\":\"cats\",\"tag\":\"a\"}"), null);
        index.upsert("app-a", "pets", "rex", new float[] {1, 0.1f}, Json.parse("{\"category\":\"dogs\",\"tag\":\"b\"}"), null);
        index.upsert("app-a", "pets", "kit", new float[] {1, 0.2f}, Json.parse("{\"category\":\"cats\",\"tag\":\"c\"}"), null);

        assertThat(index.query("app-a", "pets", new float[] {1, 0}, 10, Json.parse("{\"category\":\"cats\"}")))
                .extracting(VectorIndex.Match::docId).containsExactly("tom", "kit");
        assertThat(index.query("app-a", "pets", new float[] {1, 0}, 10, Json.parse("{\"tag\":{\"$in\":[\"b\",\"c\"]}}")))
                .extracting(VectorIndex.Match::docId).containsExactly("rex", "kit");
        assertThat(index.query("app-a", "pets", new float[] {1, 0}, 10, Json.parse("{\"missing\":1}"))).isEmpty();
        assertThatThrownBy(() -> index.query("app-a", "pets", new float[] {1, 0}, 10, Json.parse("{\"tag\":{\"$gt\":1}}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("filter.tag");
    }

    @Test
    void refusesVectorsOfAnotherDimensionThanTheCollections() {
        index.upsert("app-a", "docs", "one", new float[] {1, 0, 0}, null, null);

        assertThatThrownBy(() -> index.upsert("app-a", "docs", "two", new float[] {1, 0}, null, null))
                .isInstanceOf(DimensionMismatchException.class)
                .hasMessageContaining("2 dimensions").hasMessageContaining("'docs' holds 3-dimensional");
        assertThatThrownBy(() -> index.query("app-a", "docs", new float[] {1, 0}, 5, null))
                .isInstanceOf(DimensionMismatchException.class);
    }

    @Test
    void deletedDocumentsAreNoLongerFound() {
        index.upsert("app-a", "docs", "one", new float[] {1, 0}, null, null);
        index.upsert("app-a", "docs", "two", new float[] {0, 1}, null, null);

        assertThat(index.delete("app-a", "docs", "one")).isTrue();
        assertThat(index.delete("app-a", "docs", "one")).isFalse();

        assertThat(index.query("app-a", "docs", new float[] {1, 0}, 5, null)).extracting(VectorIndex.Match::docId)
                .containsExactly("two");
        assertThat(index.get("app-a", "docs", "one")).isEmpty();
    }

    @Test
    void replacingADocumentReplacesItsVectorAndKeepsItsCreationTime() {
        VectorDocument first = index.upsert("app-a", "docs", "one", new float[] {1, 0}, null, "v1");
        VectorDocument second = index.upsert("app-a", "docs", "one", new float[] {0, 1}, null, "v2");

        assertThat(second.createdAt()).isEqualTo(first.createdAt());
        assertThat(index.query("app-a", "docs", new float[] {0, 1}, 5, null)).singleElement()
                .satisfies(m -> assertThat(m.score()).isCloseTo(1.0, within(1e-6)))
                .satisfies(m -> assertThat(m.content()).isEqualTo("v2"));
    }

    @Test
    void survivesAReloadFromTheDatabase() {
        index.upsert("app-a", "docs", "one", new float[] {0.25f, -0.5f, 1e-7f}, Json.parse("{\"k\":1}"), "text");

        VectorIndex restarted = newIndex(jdbc);

        assertThat(restarted.query("app-a", "docs", new float[] {0.25f, -0.5f, 0}, 5, null)).singleElement()
                .satisfies(m -> assertThat(m.metadata()).isEqualTo(Json.parse("{\"k\":1}")));
        assertThat(restarted.get("app-a", "docs", "one").orElseThrow().embedding())
                .containsExactly(0.25f, -0.5f, 1e-7f);
    }

    @Test
    void picksUpWritesMadeByAnotherProcessOnTheSameDatabase() {
        VectorIndex other = newIndex(jdbc);
        index.upsert("app-a", "docs", "one", new float[] {1, 0}, null, null);
        assertThat(other.query("app-a", "docs", new float[] {1, 0}, 5, null)).hasSize(1);

        index.upsert("app-a", "docs", "two", new float[] {0, 1}, null, null);
        index.delete("app-a", "docs", "one");

        assertThat(other.query("app-a", "docs", new float[] {1, 0}, 5, null)).extracting(VectorIndex.Match::docId)
                .containsExactly("two");
    }

    @Test
    void keepsAppsApart() {
        index.upsert("app-a", "docs", "one", new float[] {1, 0}, null, null);

        assertThat(index.query("app-b", "docs", new float[] {1, 0}, 5, null)).isEmpty();
        assertThat(index.get("app-b", "docs", "one")).isEmpty();
        assertThat(index.delete("app-b", "docs", "one")).isFalse();
        assertThat(index.collections("app-b")).isEmpty();
        assertThat(index.collections("app-a")).containsExactly(new VectorIndex.CollectionInfo("docs", 1, 2));
    }

    @Test
    void listsDocumentsInIdOrderPageByPage() {
        for (String id : List.of("c", "a", "b")) {
            index.upsert("app-a", "docs", id, new float[] {1, 0}, null, null);
        }

        assertThat(index.list("app-a", "docs", null, 2)).extracting(VectorDocument::docId).containsExactly("a", "b");
        assertThat(index.list("app-a", "docs", "b", 2)).extracting(VectorDocument::docId).containsExactly("c");
    }

    @Test
    void refusesInvalidNamesVectorsAndMetadata() {
        assertThatThrownBy(() -> index.upsert("app-a", "../x", "one", new float[] {1}, null, null))
                .hasMessageContaining("collection name");
        assertThatThrownBy(() -> index.upsert("app-a", "docs", "a b", new float[] {1}, null, null))
                .hasMessageContaining("document id");
        assertThatThrownBy(() -> index.upsert("app-a", "docs", "one", new float[] {0, 0}, null, null))
                .hasMessageContaining("all zeros");
        assertThatThrownBy(() -> index.upsert("app-a", "docs", "one", new float[] {1}, Json.parse("[1]"), null))
                .hasMessageContaining("metadata");
        assertThat(index.query("app-a", "no such", new float[] {1}, 5, null)).isEmpty();
    }
}
