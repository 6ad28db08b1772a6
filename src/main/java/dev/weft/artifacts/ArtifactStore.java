package dev.weft.artifacts;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * Stores artifacts per app. Reads are always scoped to the app that owns the artifact.
 *
 * <p>Failures: invalid arguments (unknown path characters, content too large) throw
 * {@link IllegalArgumentException}; storage failures throw {@link java.io.UncheckedIOException}
 * and are worth retrying.
 */
public interface ArtifactStore {

    /** Stores the bytes, then their metadata; a crash in between leaves no row pointing at missing bytes. */
    Artifact put(String appId, String runId, String stepId, String contentType, byte[] bytes);

    Optional<Artifact> find(String appId, String artifactId);

    /** The first artifact a step stored, so a re-run step can reuse it instead of storing a second one. */
    default Optional<Artifact> findByStep(String appId, String runId, String stepId) {
        return list(appId, runId, null, 1_000).stream().filter(a -> stepId.equals(a.stepId())).findFirst();
    }

    /**
     * An app's artifacts in creation order.
     *
     * @param runId   only this run's artifacts, or null for all
     * @param afterId cursor: the last id of the previous page, or null
     */
    default List<Artifact> list(String appId, String runId, String afterId, int limit) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot list artifacts");
    }

    byte[] read(Artifact artifact);

    /**
     * Deletes an artifact: its row first, then its bytes, so a crash in between leaves unreachable
     * bytes rather than a row pointing at nothing. Deleting one that is gone already is no error.
     */
    void delete(Artifact artifact);

    /** The bytes as a stream the caller closes; stores that can stream (S3) override this. */
    default InputStream open(Artifact artifact) {
        return new ByteArrayInputStream(read(artifact));
    }
}
