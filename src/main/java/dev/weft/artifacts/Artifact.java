package dev.weft.artifacts;

import dev.weft.common.Json;
import java.time.Instant;
import tools.jackson.databind.node.ObjectNode;

/** Metadata of a stored artifact; the bytes are read through {@link ArtifactStore#read}. */
public record Artifact(String id, String appId, String runId, String stepId, String contentType, long sizeBytes,
                       String sha256, Instant createdAt) {

    /** Path of the authenticated download endpoint. */
    public String url() {
        return "/v1/artifacts/" + id + "/content";
    }

    /** How outputs refer to the artifact: {@code {"artifactId", "url", "contentType", "sizeBytes", "sha256"}}. */
    public ObjectNode toReference() {
        ObjectNode ref = Json.object();
        ref.put("artifactId", id);
        ref.put("url", url());
        ref.put("contentType", contentType);
        ref.put("sizeBytes", sizeBytes);
        ref.put("sha256", sha256);
        return ref;
    }
}
