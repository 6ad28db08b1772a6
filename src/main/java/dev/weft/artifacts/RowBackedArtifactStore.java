package dev.weft.artifacts;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What every artifact store shares: metadata rows in the {@code artifacts} table, and the order of
 * a write (bytes first, then the row, so a row always points at complete bytes). Stores differ only
 * in where the bytes go.
 */
abstract class RowBackedArtifactStore implements ArtifactStore {

    protected final ArtifactRows rows;

    protected RowBackedArtifactStore(JdbcClient jdbc, Clock clock, long maxBytes) {
        this.rows = new ArtifactRows(jdbc, clock, maxBytes);
    }

    /** Where the bytes of {@code artifact} live in this store. */
    protected abstract String keyOf(Artifact artifact);

    /**
     * Stores the bytes under {@code key}, completely or not at all.
     *
     * @throws java.io.UncheckedIOException when the storage fails (step handlers retry those)
     */
    protected abstract void writeBytes(String key, Artifact artifact, byte[] bytes);

    @Override
    public final Artifact put(String appId, String runId, String stepId, String contentType, byte[] bytes) {
        Artifact artifact = rows.prepare(appId, runId, stepId, contentType, bytes);
        String key = keyOf(artifact);
        writeBytes(key, artifact, bytes);
        rows.insert(artifact, key);
        return artifact;
    }

    /** Removes the bytes under {@code key}; absent bytes are no error. */
    protected abstract void deleteBytes(String key);

    @Override
    public final void delete(Artifact artifact) {
        rows.delete(artifact);
        deleteBytes(keyOf(artifact));
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
}
