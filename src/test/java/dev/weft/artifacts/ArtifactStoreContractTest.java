package dev.weft.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ArtifactStore} keeps to, run on each implementation (local disk, S3 on s3rver):
 * bytes and metadata round-trip, reads are scoped to the owning app, limits hold before anything is
 * written, and a delete removes row and bytes.
 */
abstract class ArtifactStoreContractTest {

    /** A store of this implementation refusing artifacts over {@code maxBytes}. */
    protected abstract ArtifactStore store(long maxBytes);

    /** Whether the implementation still holds the bytes of {@code artifact}. */
    protected abstract boolean bytesExist(Artifact artifact);

    @Test
    void storesBytesAndReadsThemBackWithTheirSha256() throws Exception {
        ArtifactStore store = store(1024);
        byte[] bytes = "hello".getBytes(StandardCharsets.UTF_8);

        Artifact stored = store.put("app-a", "run-1", "store", "text/plain", bytes);

        assertThat(stored.id()).matches("art_[0-9a-f-]{36}");
        assertThat(stored.sha256()).isEqualTo("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
        assertThat(stored.sizeBytes()).isEqualTo(5);
        Artifact found = store.find("app-a", stored.id()).orElseThrow();
        assertThat(found).isEqualTo(stored);
        assertThat(store.read(found)).isEqualTo(bytes);
        try (InputStream in = store.open(found)) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
        assertThat(bytesExist(stored)).isTrue();
    }

    @Test
    void findsAStepsArtifactAndListsARunsArtifactsOnlyForTheirApp() {
        ArtifactStore store = store(1024);
        String run = "run-" + System.nanoTime();
        Artifact first = store.put("app-a", run, "store", "application/json", "1".getBytes(StandardCharsets.UTF_8));
        Artifact second = store.put("app-a", run, "image", "image/png", new byte[] {1, 2});
        store.put("app-a", run + "-other", "store", "application/json", "2".getBytes(StandardCharsets.UTF_8));

        assertThat(store.findByStep("app-a", run, "store")).contains(first);
        assertThat(store.list("app-a", run, null, 10)).containsExactly(first, second);
        assertThat(store.list("app-a", run, first.id(), 1)).containsExactly(second);
        assertThat(store.find("app-b", first.id())).isEmpty();
        assertThat(store.findByStep("app-b", run, "store")).isEmpty();
        assertThat(store.list("app-b", run, null, 10)).isEmpty();
    }

    @Test
    void refusesArtifactsOverTheSizeLimitAndInvalidContentTypesBeforeWritingAnything() {
        ArtifactStore store = store(4);
        String run = "run-" + System.nanoTime();

        assertThatThrownBy(() -> store.put("app-a", run, "s", "text/plain", new byte[5]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weft.artifacts.max-bytes");
        assertThatThrownBy(() -> store.put("app-a", run, "s", "text/plain\r\nX: y", new byte[1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("content type");
        assertThat(store.list("app-a", run, null, 10)).isEmpty();
    }

    @Test
    void deletesTheRowAndTheBytesAndDeletingTwiceIsNoError() {
        ArtifactStore store = store(1024);
        Artifact artifact = store.put("app-del", "run-1", "s", "text/plain", "bye".getBytes(StandardCharsets.UTF_8));

        store.delete(artifact);
        store.delete(artifact);

        assertThat(store.find("app-del", artifact.id())).isEmpty();
        assertThat(bytesExist(artifact)).isFalse();
    }
}
