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

/** The contract on the local disk, and what only a disk store must do. */
class LocalDiskArtifactStoreTest extends ArtifactStoreContractTest {

    @TempDir
    Path root;

    @Override
    protected LocalDiskArtifactStore store(long maxBytes) {
        return new LocalDiskArtifactStore(TestDatabase.migrated(), Clock.systemUTC(), root, maxBytes);
    }

    @Override
    protected boolean bytesExist(Artifact artifact) {
        return Files.exists(root.resolve(artifact.appId()).resolve(artifact.id().substring(artifact.id().length() - 2))
                .resolve(artifact.id()));
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

}
