package dev.weft.steps.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.artifacts.Artifact;
import dev.weft.artifacts.ArtifactStore;
import dev.weft.artifacts.LocalDiskArtifactStore;
import dev.weft.artifacts.TestDatabase;
import dev.weft.common.Json;
import dev.weft.definition.InputSchemas;
import dev.weft.providers.Embedder;
import dev.weft.steps.StepContext;
import dev.weft.steps.StepResult;
import dev.weft.steps.ai.ProviderCalls;
import dev.weft.steps.ai.TestingCalls;
import dev.weft.vector.HashingEmbedder;
import dev.weft.vector.JdbcVectorIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

class StorageStepsTest {

    @TempDir
    Path root;

    private final JdbcClient jdbc = TestDatabase.migrated();
    private final JdbcVectorIndex index = new JdbcVectorIndex(jdbc, Clock.systemUTC());
    private final ProviderCalls embedder = TestingCalls.of(List.of(), List.of(), List.of(),
            List.of(new HashingEmbedder(), new TinyEmbedder()));
    private ArtifactStore artifacts;

    private ArtifactStore artifacts() {
        if (artifacts == null) {
            artifacts = new LocalDiskArtifactStore(jdbc, Clock.systemUTC(), root, 1 << 20);
        }
        return artifacts;
    }

    private StoreResultsStep store() {
        return new StoreResultsStep(artifacts(), index, embedder);
    }

    private SearchSimilarStep search() {
        return new SearchSimilarStep(index, embedder);
    }

    private static StepContext context(String stepId, int attempt, String input) {
        return new StepContext("app-a", "run-1", stepId, attempt, Json.parse(input), Instant.now());
    }

    private static JsonNode output(StepResult result) {
        assertThat(result).isInstanceOf(StepResult.Succeeded.class);
        return ((StepResult.Succeeded) result).output();
    }

    @Test
    void storesDataAsAJsonArtifact() {
        JsonNode out = output(store().execute(context("store", 1, "{\"data\":{\"tags\":[\"cat\"]},\"name\":\"result\"}")));

        JsonNode ref = out.get("artifact");
        Artifact artifact = artifacts().find("app-a", ref.get("artifactId").asString()).orElseThrow();
        assertThat(new String(artifacts().read(artifact), StandardCharsets.UTF_8)).isEqualTo("{\"tags\":[\"cat\"]}");
        assertThat(ref.get("contentType").asString()).isEqualTo("application/json");
        assertThat(ref.get("url").asString()).isEqualTo("/v1/artifacts/" + artifact.id() + "/content");
        assertThat(ref.get("sha256").asString()).isEqualTo(artifact.sha256());
        assertThat(ref.get("name").asString()).isEqualTo("result");
        assertThat(out.has("indexed")).isFalse();
        assertThat(InputSchemas.validate(store().outputSchema(), out)).isEmpty();
    }

    @Test
    void reRunningTheStepReusesItsArtifactInsteadOfStoringASecond() {
        String input = "{\"data\":\"hello\",\"contentType\":\"text/plain\",\"index\":{\"collection\":\"notes\"}}";
        JsonNode first = output(store().execute(context("store", 1, input)));
        JsonNode second = output(store().execute(context("store", 2, input)));

        assertThat(second.get("artifact")).isEqualTo(first.get("artifact"));
        assertThat(artifacts().list("app-a", "run-1", null, 10)).hasSize(1);
        assertThat(index.list("app-a", "notes", null, 10)).singleElement()
                .satisfies(d -> assertThat(d.docId()).isEqualTo("run-1:store"));
    }

    @Test
    void indexesStoredDataSoSearchSimilarFindsIt() {
        output(store().execute(context("a", 1, """
                {"data": {"animal": "cat", "says": "meow"}, "index": {"collection": "pets", "metadata": {"kind": "cat"}}}""")));
        JsonNode stored = output(store().execute(context("b", 1, """
                {"data": "dogs bark loudly", "contentType": "text/plain",
                 "index": {"collection": "pets", "id": "dog-1", "metadata": {"kind": "dog"}}}""")));
        assertThat(stored.get("indexed")).isEqualTo(Json.parse("""
                {"collection":"pets","id":"dog-1","provider":"test","model":"hashing-bow-384","dimensions":384}"""));
        assertThat(index.get("app-a", "pets", "dog-1").orElseThrow().metadata().get("embeddingModel").asString())
                .isEqualTo("test/hashing-bow-384");

        JsonNode out = output(search().execute(context("find", 1,
                "{\"collection\":\"pets\",\"query\":\"the cat says meow\",\"topK\":2}")));

        assertThat(out.get("model").asString()).isEqualTo("hashing-bow-384");
        assertThat(out.get("matches")).hasSize(2);
        JsonNode best = out.get("matches").get(0);
        assertThat(best.get("id").asString()).isEqualTo("run-1:a");
        assertThat(best.get("metadata").get("kind").asString()).isEqualTo("cat");
        assertThat(best.get("metadata").get("artifactId").asString()).startsWith("art_");
        assertThat(best.get("content").asString()).isEqualTo("{\"animal\":\"cat\",\"says\":\"meow\"}");
        assertThat(InputSchemas.validate(search().outputSchema(), out)).isEmpty();

        JsonNode filtered = output(search().execute(context("find", 1,
                "{\"collection\":\"pets\",\"query\":\"the cat says meow\",\"filter\":{\"kind\":{\"$in\":[\"dog\"]}}}")));
        assertThat(filtered.get("matches")).singleElement().satisfies(m -> assertThat(m.get("id").asString()).isEqualTo("dog-1"));

        JsonNode strict = output(search().execute(context("find", 1,
                "{\"collection\":\"pets\",\"query\":\"the cat says meow\",\"minScore\":0.5}")));
        assertThat(strict.get("matches")).hasSize(1);
    }

    @Test
    void anInvalidCollectionFailsPermanentlyBeforeAnythingIsStored() {
        StepResult result = store().execute(context("store", 1, "{\"data\":1,\"index\":{\"collection\":\"no/slash\"}}"));

        assertThat(result).isInstanceOfSatisfying(StepResult.PermanentFailure.class,
                f -> assertThat(f.code()).isEqualTo("INVALID_COLLECTION"));
        assertThat(artifacts().list("app-a", null, null, 10)).isEmpty();
    }

    @Test
    void aStorageErrorIsRetryable() {
        ArtifactStore broken = new ArtifactStore() {
            public Artifact put(String a, String r, String s, String c, byte[] b) {
                throw new UncheckedIOException(new IOException("disk full"));
            }
            public Optional<Artifact> find(String a, String id) { return Optional.empty(); }
            public Optional<Artifact> findByStep(String a, String r, String s) { return Optional.empty(); }
            public List<Artifact> list(String a, String r, String after, int limit) { return List.of(); }
            public byte[] read(Artifact artifact) { return new byte[0]; }
            public void delete(Artifact artifact) { }
        };

        StepResult result = new StoreResultsStep(broken, index, embedder).execute(context("store", 1, "{\"data\":1}"));

        assertThat(result).isInstanceOfSatisfying(StepResult.RetryableFailure.class, f -> {
            assertThat(f.code()).isEqualTo("STORAGE_ERROR");
            assertThat(f.message()).contains("step 'store'").contains("disk full");
        });
    }

    @Test
    void nonJsonContentNeedsAStringData() {
        StepResult result = store().execute(context("store", 1, "{\"data\":{\"a\":1},\"contentType\":\"text/plain\"}"));

        assertThat(result).isInstanceOfSatisfying(StepResult.PermanentFailure.class,
                f -> assertThat(f.code()).isEqualTo("INVALID_STEP_INPUT"));
    }

    @Test
    void searchNeedsExactlyOneOfQueryOrEmbedding() {
        for (String input : List.of("{\"collection\":\"pets\"}",
                "{\"collection\":\"pets\",\"query\":\"x\",\"embedding\":[1]}")) {
            assertThat(search().execute(context("find", 1, input))).isInstanceOfSatisfying(
                    StepResult.PermanentFailure.class, f -> assertThat(f.code()).isEqualTo("INVALID_STEP_INPUT"));
        }
    }

    @Test
    void searchingAnUnknownCollectionFindsNothing() {
        JsonNode out = output(search().execute(context("find", 1, "{\"collection\":\"never-used\",\"embedding\":[1,0]}")));

        assertThat(out.get("matches")).isEmpty();
        assertThat(out.get("model").isNull()).isTrue();
    }

    @Test
    void searchWithAnEmbeddingOfTheWrongSizeFailsPermanently() {
        index.upsert("app-a", "pets", "x", new float[] {1, 0, 0}, null, null);

        StepResult result = search().execute(context("find", 1, "{\"collection\":\"pets\",\"embedding\":[1,0]}"));

        assertThat(result).isInstanceOfSatisfying(StepResult.PermanentFailure.class,
                f -> assertThat(f.code()).isEqualTo("DIMENSION_MISMATCH"));
    }

    @Test
    void embedsWithTheProviderTheStepNamesAndRecordsItsTokens() {
        JsonNode stored = output(store().execute(context("store", 1, """
                {"data": "hello", "index": {"collection": "tiny", "provider": "tiny"}}""")));
        JsonNode found = output(search().execute(context("find", 1, """
                {"collection": "tiny", "query": "hello", "provider": "tiny"}""")));

        assertThat(stored.at("/indexed/dimensions").asInt()).isEqualTo(3);
        assertThat(stored.at("/usage/provider").asString()).isEqualTo("tiny");
        assertThat(stored.at("/usage/inputTokens").asLong()).isEqualTo(7);
        assertThat(found.get("provider").asString()).isEqualTo("tiny");
        assertThat(found.at("/usage/inputTokens").asLong()).isEqualTo(7);
        assertThat(found.get("matches")).hasSize(1);
    }

    @Test
    void aQueryEmbeddedWithAnotherModelThanTheCollectionsFailsNamingBothModelsAndDimensions() {
        output(store().execute(context("store", 1, """
                {"data": "hello", "index": {"collection": "mixed"}}""")));

        StepResult result = search().execute(context("find", 1, """
                {"collection": "mixed", "query": "hello", "provider": "tiny"}"""));

        assertThat(result).isInstanceOfSatisfying(StepResult.PermanentFailure.class, f -> {
            assertThat(f.code()).isEqualTo("DIMENSION_MISMATCH");
            assertThat(f.message()).contains("384-dimensional vectors embedded with test/hashing-bow-384")
                    .contains("tiny/tiny-3 gives 3-dimensional vectors");
        });
    }

    @Test
    void schemasAcceptValidInputsAndRejectInvalidOnes() {
        JsonNode storeSchema = store().inputSchema();
        JsonNode searchSchema = search().inputSchema();
        assertThat(InputSchemas.validate(storeSchema, Json.parse("{\"data\":null,\"index\":{\"collection\":\"c\"}}"))).isEmpty();
        assertThat(InputSchemas.validate(storeSchema, Json.parse("{\"contentType\":\"text/plain\"}"))).isNotEmpty();
        assertThat(InputSchemas.validate(searchSchema, Json.parse("{\"collection\":\"c\",\"query\":\"q\",\"topK\":100}"))).isEmpty();
        assertThat(InputSchemas.validate(searchSchema, Json.parse("{\"collection\":\"c\",\"query\":\"q\",\"topK\":101}"))).isNotEmpty();
        assertThat(store().description()).isNotBlank();
        assertThat(search().description()).isNotBlank();
    }

    /** A second embedding provider of another size that reports the tokens it read. */
    private static final class TinyEmbedder implements Embedder {
        @Override
        public String provider() {
            return "tiny";
        }

        @Override
        public String model() {
            return "tiny-3";
        }

        @Override
        public int dimensions() {
            return 3;
        }

        @Override
        public float[] embed(String text) {
            return new float[] {1, 0, 0};
        }

        @Override
        public Embedded embedCounted(String text) {
            return new Embedded(embed(text), 7);
        }
    }
}
