package dev.weft.artifacts.web;

import dev.weft.api.ApiProblem;
import dev.weft.artifacts.Artifact;
import dev.weft.artifacts.ArtifactStore;
import dev.weft.auth.AuthenticatedApp;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reading an app's artifacts: metadata, lists and content. */
@RestController
@RequestMapping("/v1/artifacts")
@Tag(name = "Artifacts")
public class ArtifactController {

    private static final int MAX_PAGE = 200;

    private final ArtifactStore store;

    public ArtifactController(ArtifactStore store) {
        this.store = store;
    }

    @GetMapping
    @Operation(summary = "The app's artifacts in creation order, optionally only one run's",
            description = "Page with limit (1..200, default 50) and cursor (the nextCursor of the previous page).")
    public ArtifactPage list(AuthenticatedApp app, @RequestParam(required = false) String runId,
                                    @RequestParam(required = false) String cursor,
                                    @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw ApiProblem.invalidField("limit", "must be between 1 and " + MAX_PAGE);
        }
        List<ArtifactView> page = store.list(app.appId(), runId, cursor, limit).stream().map(ArtifactView::of).toList();
        return new ArtifactPage(page, page.size() == limit ? page.getLast().id() : null);
    }

    /** A page of artifacts; {@code nextCursor} continues it (absent on the last page). */
    record ArtifactPage(List<ArtifactView> artifacts, String nextCursor) {}

    @GetMapping("/{artifactId}")
    @Operation(summary = "An artifact's metadata")
    public ArtifactView get(AuthenticatedApp app, @PathVariable String artifactId) {
        return ArtifactView.of(find(app, artifactId));
    }

    @GetMapping("/{artifactId}/content")
    @Operation(summary = "An artifact's bytes",
            description = "ETag is the SHA-256 of the bytes; images are served inline, everything else as an attachment. "
                    + "Bytes are streamed from the store (local disk or S3), never buffered whole.")
    public ResponseEntity<InputStreamResource> content(AuthenticatedApp app, @PathVariable String artifactId,
                                          @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        Artifact artifact = find(app, artifactId);
        String etag = "\"" + artifact.sha256() + "\"";
        HttpHeaders headers = new HttpHeaders();
        headers.setETag(etag);
        headers.setCacheControl("private");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Content-Security-Policy", "sandbox; default-src 'none'");
        if (etag.equals(ifNoneMatch)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).headers(headers).build();
        }
        InputStreamResource bytes = new InputStreamResource(store.open(artifact));
        headers.setContentType(mediaType(artifact.contentType()));
        headers.setContentLength(artifact.sizeBytes());
        headers.setContentDisposition(disposition(artifact));
        return ResponseEntity.ok().headers(headers).body(bytes);
    }

    private Artifact find(AuthenticatedApp app, String artifactId) {
        return store.find(app.appId(), artifactId)
                .orElseThrow(() -> ApiProblem.notFound("artifact", "no artifact " + artifactId));
    }

    private static MediaType mediaType(String contentType) {
        try {
            return MediaType.parseMediaType(contentType);
        } catch (IllegalArgumentException e) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
    }

    /** SVG can carry scripts, so only raster images are shown inline. */
    static ContentDisposition disposition(Artifact artifact) {
        String type = artifact.contentType().toLowerCase(java.util.Locale.ROOT);
        boolean inline = type.startsWith("image/") && !type.startsWith("image/svg");
        return (inline ? ContentDisposition.inline() : ContentDisposition.attachment())
                .filename(artifact.id() + extension(type)).build();
    }

    private static String extension(String type) {
        if (type.startsWith("application/json") || type.contains("+json")) return ".json";
        if (type.startsWith("image/png")) return ".png";
        if (type.startsWith("image/jpeg")) return ".jpg";
        if (type.startsWith("image/webp")) return ".webp";
        if (type.startsWith("text/plain")) return ".txt";
        return "";
    }
}
