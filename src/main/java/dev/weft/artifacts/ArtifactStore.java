package dev.weft.artifacts;

import java.util.Optional;

/** Stores artifacts per app. Reads are always scoped to the app that owns the artifact. */
public interface ArtifactStore {

    Artifact put(String appId, String runId, String stepId, String contentType, byte[] bytes);

    Optional<Artifact> find(String appId, String artifactId);

    byte[] read(Artifact artifact);
}
