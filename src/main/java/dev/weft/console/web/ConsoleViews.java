package dev.weft.console.web;

import dev.weft.common.Json;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Formatting helpers the console's templates call (as {@code json}). */
public final class ConsoleViews {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    /** Pretty-printed JSON longer than this is cut, with a note: the API has it whole. */
    static final int MAX_SHOWN = 200_000;

    /** An artifact a step produced: shown as a thumbnail when it is a raster image. */
    public record ArtifactRef(String artifactId, String contentType, Long sizeBytes, boolean image, String json) {

        boolean smallJson() {
            return contentType.startsWith("application/json") && sizeBytes != null && sizeBytes <= MAX_INLINE_JSON;
        }

        ArtifactRef withJson(String text) {
            return new ArtifactRef(artifactId, contentType, sizeBytes, image, text);
        }
    }

    /** JSON artifacts up to this size are shown inline, pretty-printed. */
    static final long MAX_INLINE_JSON = 64 * 1024;

    public String pretty(JsonNode value) {
        if (value == null || value.isNull()) {
            return "null";
        }
        String text = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        return text.length() > MAX_SHOWN ? text.substring(0, MAX_SHOWN) + "\n… (cut at " + MAX_SHOWN
                + " characters; the API's run view has it whole)" : text;
    }

    public String time(Instant at) {
        return at == null ? "—" : TIME.format(at);
    }

    public String iso(Instant at) {
        return at == null ? "" : at.toString();
    }

    public String cost(Double usd) {
        return usd == null ? "—" : String.format(java.util.Locale.ROOT, "$%.4f", usd);
    }

    public String bytes(Long n) {
        if (n == null) {
            return "";
        }
        if (n < 1024) {
            return n + " B";
        }
        return n < 1024 * 1024 ? String.format(java.util.Locale.ROOT, "%.1f KiB", n / 1024.0)
                : String.format(java.util.Locale.ROOT, "%.1f MiB", n / 1024.0 / 1024.0);
    }

    /** Every artifact reference ({@code artifactId} with a {@code url}) in a step's output. */
    static List<ArtifactRef> artifacts(JsonNode output) {
        List<ArtifactRef> found = new ArrayList<>();
        collect(output, found, 0);
        return found;
    }

    private static void collect(JsonNode node, List<ArtifactRef> found, int depth) {
        if (node == null || depth > 32 || found.size() >= 50) {
            return;
        }
        if (node.isObject()) {
            if (node.has("artifactId") && node.has("url")) {
                String type = node.path("contentType").asString("");
                found.add(new ArtifactRef(node.get("artifactId").asString(), type,
                        node.has("sizeBytes") ? node.get("sizeBytes").asLong() : null,
                        type.startsWith("image/") && !type.startsWith("image/svg"), null));
                return;
            }
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                collect(e.getValue(), found, depth + 1);
            }
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, found, depth + 1));
        }
    }
}
