package dev.weft.artifacts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Artifacts on the local disk ({@code ${weft.data-dir}/artifacts}, see {@link DiskLayout}) with their
 * metadata in the {@code artifacts} table: the embedded mode's store ({@code weft.artifacts.store=local},
 * the default). Bytes are written before the row, so a row always points at complete bytes; a crash
 * in between leaves only an unreferenced file.
 */
public class LocalDiskArtifactStore extends RowBackedArtifactStore {

    public static final long DEFAULT_MAX_BYTES = 50L * 1024 * 1024;

    private final DiskLayout disk;

    public LocalDiskArtifactStore(JdbcClient jdbc, Clock clock, Path root, long maxBytes) {
        super(jdbc, clock, maxBytes);
        this.disk = new DiskLayout(root);
    }

    @Override
    protected String keyOf(Artifact artifact) {
        return disk.key(artifact.appId(), artifact.id());
    }

    @Override
    protected void writeBytes(String key, Artifact artifact, byte[] bytes) {
        try {
            disk.write(key, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write artifact " + artifact.id(), e);
        }
    }




    @Override
    protected void deleteBytes(String key) {
        try {
            java.nio.file.Files.deleteIfExists(disk.resolve(key));
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete artifact bytes " + key, e);
        }
    }

    @Override
    public byte[] read(Artifact artifact) {
        try {
            return disk.read(disk.key(artifact.appId(), artifact.id()));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read artifact " + artifact.id(), e);
        }
    }

    @Override
    public InputStream open(Artifact artifact) {
        try {
            return disk.open(DiskLayout.key(artifact.appId(), artifact.id()));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read artifact " + artifact.id(), e);
        }
    }
}
