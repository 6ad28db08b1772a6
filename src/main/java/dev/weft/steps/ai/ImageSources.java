package dev.weft.steps.ai;

import dev.weft.steps.RetryAfter;
import dev.weft.steps.StepFailure;
import dev.weft.artifacts.Artifact;
import dev.weft.artifacts.ArtifactStore;
import dev.weft.outbound.OutboundException;
import dev.weft.outbound.OutboundResponse;
import dev.weft.outbound.SafeHttpClient;
import dev.weft.steps.StepContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Turns the {@code image} input of a step into bytes. Three forms are accepted: an artifact
 * reference ({@code {"artifactId": ...}}, as {@code image_generate} outputs it) of the same app, an
 * http(s) URL fetched through the {@link SafeHttpClient}, or a base64 {@code data:} URI. Every
 * failure is classified: a missing artifact or a refused URL is permanent, a time-out or 5xx is
 * retryable.
 */
@Component
public class ImageSources {

    /** Default cap on an image's bytes, whatever its source. */
    public static final long DEFAULT_MAX_BYTES = 20L * 1024 * 1024;

    private final ArtifactStore artifacts;
    private final SafeHttpClient http;
    private final long maxBytes;

    public ImageSources(ArtifactStore artifacts, SafeHttpClient http,
                        @Value("${weft.steps.max-image-bytes:20971520}") long maxBytes) {
        this.artifacts = artifacts;
        this.http = http;
        this.maxBytes = maxBytes;
    }

    /** @throws StepFailure classified, naming the step */
    public byte[] resolve(StepContext context, JsonNode image) {
        if (image != null && image.isObject() && image.path("artifactId").isString()) {
            return fromArtifact(context, image.get("artifactId").asString());
        }
        if (image != null && image.isString()) {
            String text = image.asString().strip();
            String lower = text.toLowerCase(Locale.ROOT);
            if (lower.startsWith("data:")) {
                return capped(context, DataUri.decode(context, text));
            }
            if (lower.startsWith("https://") || lower.startsWith("http://")) {
                return fromUrl(context, text);
            }
        }
        throw StepFailure.permanent(context, "INVALID_IMAGE_SOURCE", "image must be an artifact reference "
                + "{\"artifactId\": ...}, an https URL or a base64 data: URI");
    }

    private byte[] fromArtifact(StepContext context, String artifactId) {
        // Scoped to the step's app: another app's artifact is reported exactly like a missing one.
        Artifact artifact = artifacts.find(context.appId(), artifactId)
                .orElseThrow(() -> StepFailure.permanent(context, "IMAGE_NOT_FOUND",
                        "artifact '" + artifactId + "' does not exist in this app"));
        if (artifact.sizeBytes() > maxBytes) {
            throw tooLarge(context, "artifact '" + artifactId + "'");
        }
        return artifacts.read(artifact);
    }

    private byte[] fromUrl(StepContext context, String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw StepFailure.permanent(context, "INVALID_IMAGE_SOURCE", "image URL is not valid: " + e.getMessage());
        }
        OutboundResponse response;
        try {
            response = http.get(uri, Map.of("Accept", "image/*"));
        } catch (OutboundException e) {
            throw switch (e.reason()) {
                case BLOCKED -> StepFailure.permanent(context, "IMAGE_URL_BLOCKED",
                        "image URL refused: " + e.getMessage());
                case INVALID_URL -> StepFailure.permanent(context, "INVALID_IMAGE_SOURCE", e.getMessage());
                case RESPONSE_TOO_LARGE -> tooLarge(context, "the image at the URL");
                case TIMEOUT, CONNECT_FAILED, IO -> StepFailure.retryable(context, "IMAGE_FETCH_FAILED",
                        "fetching the image failed: " + e.getMessage(), null);
                case TOO_MANY_REDIRECTS, REDIRECT_REFUSED -> StepFailure.permanent(context, "IMAGE_FETCH_FAILED", e.getMessage());
            };
        }
        int status = response.status();
        if (status == 408 || status == 429 || status >= 500) {
            throw StepFailure.retryable(context, "IMAGE_FETCH_FAILED",
                    "fetching the image answered HTTP " + status, RetryAfter.millis(response).orElse(null));
        }
        if (!response.isSuccess()) {
            throw StepFailure.permanent(context, "IMAGE_FETCH_FAILED", "fetching the image answered HTTP " + status);
        }
        return capped(context, response.body());
    }

    private byte[] capped(StepContext context, byte[] bytes) {
        if (bytes.length > maxBytes) {
            throw tooLarge(context, "the image");
        }
        return bytes;
    }

    private StepFailure tooLarge(StepContext context, String what) {
        return StepFailure.permanent(context, "IMAGE_TOO_LARGE", what + " is larger than " + maxBytes + " bytes");
    }

    /** {@code data:[<media type>][;base64],<data>}; only base64 makes sense for images. */
    static final class DataUri {

        private DataUri() {}

        static byte[] decode(StepContext context, String uri) {
            int comma = uri.indexOf(',');
            String meta = comma < 0 ? "" : uri.substring(5, comma).toLowerCase(Locale.ROOT);
            if (comma < 0 || !meta.endsWith(";base64")) {
                throw StepFailure.permanent(context, "INVALID_IMAGE_SOURCE",
                        "a data: URI image must be base64 encoded (data:image/png;base64,...)");
            }
            try {
                return Base64.getMimeDecoder().decode(uri.substring(comma + 1));
            } catch (IllegalArgumentException e) {
                throw StepFailure.permanent(context, "INVALID_IMAGE_SOURCE", "the data: URI is not valid base64");
            }
        }
    }
}
