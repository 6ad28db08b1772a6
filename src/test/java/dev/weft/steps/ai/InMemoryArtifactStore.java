package dev.weft.steps.ai;

import dev.weft.artifacts.Artifact;
import dev.weft.artifacts.ArtifactStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** A fake {@link ArtifactStore} for step tests, scoped per app like the real one. */
public final class InMemoryArtifactStore implements ArtifactStore {

    private final Map<String, Artifact> artifacts = new ConcurrentHashMap<>();
    private final Map<String, byte[]> contents = new ConcurrentHashMap<>();

    @Override
    public Artifact put(String appId, String runId, String stepId, String contentType, byte[] bytes) {
        Artifact artifact = new Artifact("art_" + UUID.randomUUID(), appId, runId, stepId, contentType, bytes.length,
                sha256(bytes), Instant.now());
        artifacts.put(artifact.id(), artifact);
        contents.put(artifact.id(), bytes.clone());
        return artifact;
    }

    @Override
    public Optional<Artifact> find(String appId, String artifactId) {
        return Optional.ofNullable(artifacts.get(artifactId)).filter(a -> a.appId().equals(appId));
    }

    @Override
    public Optional<Artifact> findByStep(String appId, String runId, String stepId) {
        return artifacts.values().stream()
                .filter(a -> a.appId().equals(appId) && runId.equals(a.runId()) && stepId.equals(a.stepId()))
                .findFirst();
    }

    @Override
    public java.util.List<Artifact> list(String appId, String runId, String afterId, int limit) {
        return artifacts.values().stream()
                .filter(a -> a.appId().equals(appId) && (runId == null || runId.equals(a.runId())))
                .filter(a -> afterId == null || a.id().compareTo(afterId) > 0)
                .sorted(java.util.Comparator.comparing(Artifact::id))
                .limit(limit)
                .toList();
    }

    @Override
    public byte[] read(Artifact artifact) {
        return contents.get(artifact.id()).clone();
    }

    @Override
    public void delete(Artifact artifact) {
        artifacts.remove(artifact.id());
        contents.remove(artifact.id());
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
