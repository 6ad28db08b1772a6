package dev.weft.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDiskArtifactStoreTest {

    @TempDir
    Path root;

    private LocalDiskArtifactStore store(long maxBytes) {
        return new LocalDiskArtifactStore(TestDatabase.migrated(), Clock.systemUTC(), root, maxBytes);
    }

    @Test
    void storesBytesAndReadsThemBackWithTheirSha256() {
        LocalDiskArtifactStore store = store(1024);
        byte[] bytes = "hello".getBytes(StandardCharsets.UTF_8);

        Artifact stored = store.put("app-a", "run-1", "store", "text/plain", bytes);

        assertThat(stored.id()).matches("art_[0-9a-f-]{36}");
        assertThat(stored.sha256()).isEqualTo("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
        assertThat(stored.sizeBytes()).isEqualTo(5);
        Artifact found = store.find("app-a", stored.id()).orElseThrow();
        assertThat(found).isEqualTo(stored);
        assertThat(store.read(found)).isEqualTo(bytes);
        assertThat(root.resolve("app-a").resolve(stored.id().substring(stored.id().length() - 2)).resolve(stored.id()))
                .hasBinaryContent(bytes);
    }

    @Test
    void writesLeaveNoTemporaryFilesBehind() throws IOException {
        LocalDiskArtifactStore store = store(1024);
        for (int i = 0; i < 5; i++) {
            store.put("app-a", "run-1", "s" + i, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
        }

        try (Stream<Path> files = Files.walk(root)) {
            List<Path> regular = files.filter(Files::isRegularFile).toList();
            assertThat(regular).hasSize(5).noneMatch(p -> p.toString().endsWith(".tmp"));
        }
    }

    @Test
    void refusesPathTraversalInIds() {
        LocalDiskArtifactStore store = store(1024);

        assertThatThrownBy(() -> store.put("../escape", "run-1", "s", "text/plain", new byte[1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("app id");
        Artifact forged = new Artifact("art_../../etc/passwd", "app-a", null, null, "text/plain", 1, "x", null);
        assertThatThrownBy(() -> store.read(forged))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("artifact id");
        assertThat(store.find("app-a", "../../x")).isEmpty();
    }

    @Test
    void refusesArtifactsOverTheSizeLimitAndInvalidContentTypes() {
        LocalDiskArtifactStore store = store(4);

        assertThatThrownBy(() -> store.put("app-a", "run-1", "s", "text/plain", new byte[5]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weft.artifacts.max-bytes");
        assertThatThrownBy(() -> store.put("app-a", "run-1", "s", "text/plain\r\nX: y", new byte[1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("content type");
        assertThat(root).isEmptyDirectory();
    }

    @Test
    void findsAStepsArtifactAndListsARunsArtifactsOnlyForTheirApp() {
        LocalDiskArtifactStore store = store(1024);
        Artifact first = store.put("app-a", "run-1", "store", "application/json", "1".getBytes(StandardCharsets.UTF_8));
        Artifact second = store.put("app-a", "run-1", "image", "image/png", new byte[] {1, 2});
        store.put("app-a", "run-2", "store", "application/json", "2".getBytes(StandardCharsets.UTF_8));

        assertThat(store.findByStep("app-a", "run-1", "store")).contains(first);
        assertThat(store.list("app-a", "run-1", null, 10)).containsExactly(first, second);
        assertThat(store.list("app-a", null, first.id(), 1)).containsExactly(second);
        assertThat(store.find("app-b", first.id())).isEmpty();
        assertThat(store.findByStep("app-b", "run-1", "store")).isEmpty();
        assertThat(store.list("app-b", null, null, 10)).isEmpty();
    }

    @Test
    void deletesTheRowAndTheBytesAndDeletingTwiceIsNoError() throws IOException {
        LocalDiskArtifactStore store = store(1024);
        Artifact artifact = store.put("app-del", "run-1", "s", "text/plain", "bye".getBytes(StandardCharsets.UTF_8));
        long filesBefore;
        try (var files = Files.walk(root)) {
            filesBefore = files.filter(Files::isRegularFile).count();
        }

        store.delete(artifact);
        store.delete(artifact);

        assertThat(store.find("app-del", artifact.id())).isEmpty();
        try (var files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(filesBefore - 1);
        }
    }
}
