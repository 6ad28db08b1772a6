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
public class LocalDiskArtifactStore implements ArtifactStore {

    public static final long DEFAULT_MAX_BYTES = 50L * 1024 * 1024;

    private final ArtifactRows rows;
    private final DiskLayout disk;

    public LocalDiskArtifactStore(JdbcClient jdbc, Clock clock, Path root, long maxBytes) {
        this.rows = new ArtifactRows(jdbc, clock, maxBytes);
        this.disk = new DiskLayout(root);
    }

    @Override
    public Artifact put(String appId, String runId, String stepId, String contentType, byte[] bytes) {
        Artifact artifact = rows.prepare(appId, runId, stepId, contentType, bytes);
        String key = disk.key(appId, artifact.id());
        try {
            disk.write(key, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write artifact " + artifact.id(), e);
        }
        rows.insert(artifact, key);
        return artifact;
    }

    @Override
    public Optional<Artifact> find(String appId, String artifactId) {
        return rows.find(appId, artifactId);
    }

    @Override
    public Optional<Artifact> findByStep(String appId, String runId, String stepId) {
        return rows.findByStep(appId, runId, stepId);
    }

    @Override
    public List<Artifact> list(String appId, String runId, String afterId, int limit) {
        return rows.list(appId, runId, afterId, limit);
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
