package dev.weft.artifacts.web;

import dev.weft.artifacts.Artifact;
import java.time.Instant;

/** An artifact's metadata as the API shows it. */
record ArtifactView(String id, String runId, String stepId, String contentType, long sizeBytes, String sha256,
                    Instant createdAt, String url) {

    static ArtifactView of(Artifact a) {
        return new ArtifactView(a.id(), a.runId(), a.stepId(), a.contentType(), a.sizeBytes(), a.sha256(),
                a.createdAt(), dev.weft.api.Urls.absolute(a.url()));
    }
}
