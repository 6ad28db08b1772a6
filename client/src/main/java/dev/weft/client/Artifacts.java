package dev.weft.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Files the steps produced (images, large outputs): metadata, listing, and the bytes streamed out. */
public final class Artifacts {

    public record Artifact(String id, String runId, String stepId, String contentType, long sizeBytes, String sha256,
                           Instant createdAt, String url) {}

    public record ArtifactPage(List<Artifact> artifacts, String nextCursor) {}

    private final Transport transport;

    Artifacts(Transport transport) {
        this.transport = transport;
    }

    public Artifact get(String artifactId) {
        return transport.get("/v1/artifacts/" + Transport.segment(artifactId)).as(Artifact.class);
    }

    /** A page of the app's artifacts (a run's only when {@code runId} is given). */
    public ArtifactPage list(String runId, String cursor, int limit) {
        Map<String, Object> params = new java.util.LinkedHashMap<>();
        params.put("runId", runId);
        params.put("cursor", cursor);
        params.put("limit", limit);
        return transport.get("/v1/artifacts" + Transport.query(params)).as(ArtifactPage.class);
    }

    /** Copies the artifact's bytes to {@code out} as they arrive (never whole in memory); answers how many. */
    public long download(String artifactId, OutputStream out) {
        HttpRequest request = HttpRequest.newBuilder(transport.resolve("/v1/artifacts/" + Transport.segment(artifactId)
                        + "/content")).timeout(transport.timeout()).header("X-API-Key", transport.apiKey()).GET().build();
        try {
            HttpResponse<InputStream> response = transport.http().send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() >= 400) {
                    throw Transport.problem(new Transport.Answer(response.statusCode(), response.headers().map(),
                            in.readAllBytes()));
                }
                return in.transferTo(out);
            }
        } catch (IOException e) {
            throw new WeftTransportException("downloading artifact " + artifactId + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WeftTransportException("interrupted while downloading artifact " + artifactId, e);
        }
    }
}
