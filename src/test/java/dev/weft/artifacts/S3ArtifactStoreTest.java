package dev.weft.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.testsupport.S3rver;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import software.amazon.awssdk.services.s3.S3Client;

/** {@link S3ArtifactStore} against a real S3-compatible server (s3rver). */
class S3ArtifactStoreTest {

    private static S3rver server;
    private static S3Client s3;

    @BeforeAll
    static void startServer() {
        server = S3rver.startOrSkip();
        s3 = ArtifactsConfiguration.client(properties(server.endpoint(), "artifacts-test", "weft/").s3());
    }

    @AfterAll
    static void stopServer() {
        if (s3 != null) {
            s3.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private final JdbcClient jdbc = TestDatabase.migrated();

    static ArtifactProperties properties(URI endpoint, String bucket, String prefix) {
        return new ArtifactProperties("s3", org.springframework.util.unit.DataSize.ofMegabytes(1),
                org.springframework.util.unit.DataSize.ofKilobytes(256),
                new ArtifactProperties.S3(endpoint, "us-east-1", bucket, prefix, S3rver.ACCESS_KEY, S3rver.SECRET_KEY,
                        true, true));
    }

    private S3ArtifactStore store(String bucket) {
        S3ArtifactStore store = new S3ArtifactStore(jdbc, Clock.systemUTC(), 1 << 20, s3, bucket, "weft/");
        store.createBucketIfAbsent();
        return store;
    }

    @Test
    void storesTheBytesAsAnObjectUnderThePrefixAndTheMetadataInTheTable() throws Exception {
        S3ArtifactStore store = store("artifacts-test");
        byte[] bytes = "{\"hello\":\"s3\"}".getBytes(StandardCharsets.UTF_8);

        Artifact artifact = store.put("app-1", "run-1", "store", "application/json", bytes);

        assertThat(store.find("app-1", artifact.id())).contains(artifact);
        assertThat(store.read(artifact)).isEqualTo(bytes);
        try (InputStream in = store.open(artifact)) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
        String key = "weft/app-1/" + artifact.id().substring(artifact.id().length() - 2) + "/" + artifact.id();
        var head = s3.headObject(h -> h.bucket("artifacts-test").key(key));
        assertThat(head.contentLength()).isEqualTo(bytes.length);
        assertThat(head.contentType()).isEqualTo("application/json");
        assertThat(jdbc.sql("SELECT storage_key FROM artifacts WHERE id = ?").param(artifact.id()).query(String.class)
                .single()).isEqualTo(key);
    }

    @Test
    void findsAndListsOnlyTheOwningAppsArtifacts() {
        S3ArtifactStore store = store("artifacts-test");
        Artifact mine = store.put("app-a", "run-1", "gen", "image/png", new byte[] {1, 2, 3});
        store.put("app-b", "run-1", "gen", "image/png", new byte[] {4});

        assertThat(store.find("app-b", mine.id())).isEmpty();
        assertThat(store.list("app-a", "run-1", null, 10)).containsExactly(mine);
        assertThat(store.findByStep("app-a", "run-1", "gen")).contains(mine);
    }

    @Test
    void createsAMissingBucketOnlyOnce() {
        store("fresh-bucket");
        store("fresh-bucket");

        assertThat(s3.listBuckets().buckets()).anySatisfy(b -> assertThat(b.name()).isEqualTo("fresh-bucket"));
    }

    @Test
    void refusesArtifactsAboveTheSizeLimitBeforeUploading() {
        S3ArtifactStore store = store("artifacts-test");

        assertThatThrownBy(() -> store.put("app-1", null, null, "application/octet-stream", new byte[(1 << 20) + 1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weft.artifacts.max-bytes");
    }

    @Test
    void reportsAnUnreachableStoreAsAnIoFailure() {
        S3Client nowhere = ArtifactsConfiguration.client(properties(URI.create("http://127.0.0.1:1"), "x", "").s3());
        S3ArtifactStore store = new S3ArtifactStore(jdbc, Clock.systemUTC(), 1 << 20, nowhere, "x", "");

        assertThatThrownBy(() -> store.put("app-1", null, null, "text/plain", new byte[] {1}))
                .isInstanceOf(java.io.UncheckedIOException.class).hasMessageContaining("could not store artifact");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM artifacts").query(Long.class).single()).isZero();
    }

    @Test
    void deletesTheObjectAndTheRowAndDeletingTwiceIsNoError() {
        S3ArtifactStore store = store("artifacts-test");
        Artifact artifact = store.put("app-del", "run-1", "store", "text/plain", new byte[] {1});
        String key = "weft/app-del/" + artifact.id().substring(artifact.id().length() - 2) + "/" + artifact.id();

        store.delete(artifact);
        store.delete(artifact);

        assertThat(store.find("app-del", artifact.id())).isEmpty();
        assertThatThrownBy(() -> s3.headObject(h -> h.bucket("artifacts-test").key(key)))
                .isInstanceOfSatisfying(software.amazon.awssdk.services.s3.model.S3Exception.class,
                        e -> assertThat(e.statusCode()).isEqualTo(404));
    }
}
