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

/** The contract on a real S3-compatible server (s3rver), and what only an S3 store must do. */
class S3ArtifactStoreTest extends ArtifactStoreContractTest {

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

    @Override
    protected ArtifactStore store(long maxBytes) {
        S3ArtifactStore store = new S3ArtifactStore(jdbc, Clock.systemUTC(), maxBytes, s3, "artifacts-test", "weft/");
        store.createBucketIfAbsent();
        return store;
    }

    @Override
    protected boolean bytesExist(Artifact artifact) {
        String key = "weft/" + artifact.appId() + "/" + artifact.id().substring(artifact.id().length() - 2) + "/" + artifact.id();
        try {
            s3.headObject(h -> h.bucket("artifacts-test").key(key));
            return true;
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
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

}
