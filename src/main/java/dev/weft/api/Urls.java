package dev.weft.api;

import java.net.URI;
import java.util.Map;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every URL in a response is absolute, built from the request's own scheme, host and context path
 * (forwarded headers included when the server trusts them), so a client can follow it as it is.
 */
public final class Urls {

    private static final String ARTIFACTS = "/v1/artifacts/";

    private Urls() {}

    /** The base of this request's URLs, e.g. {@code https://weft.example.com}. */
    public static String base() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }

    /** {@code path} (starting with {@code /}) as an absolute URL for this request. */
    public static String absolute(String path) {
        return base() + path;
    }

    public static URI absoluteUri(String path) {
        return URI.create(absolute(path));
    }

    /**
     * A copy of {@code value} where every artifact reference ({@code {"artifactId", "url": "/v1/artifacts/…"}})
     * carries an absolute {@code url}; stored outputs keep the path, which does not depend on the host.
     */
    public static JsonNode withAbsoluteArtifactUrls(JsonNode value, String base) {
        if (value == null || !(value.isObject() || value.isArray()) || !value.toString().contains(ARTIFACTS)) {
            return value;
        }
        JsonNode copy = value.deepCopy();
        rewrite(copy, base, 0);
        return copy;
    }

    private static void rewrite(JsonNode node, String base, int depth) {
        if (depth > 64) {
            return;
        }
        if (node instanceof ObjectNode object) {
            JsonNode url = object.get("url");
            if (object.has("artifactId") && url != null && url.isString() && url.asString().startsWith(ARTIFACTS)) {
                object.put("url", base + url.asString());
            }
            for (Map.Entry<String, JsonNode> e : object.properties()) {
                rewrite(e.getValue(), base, depth + 1);
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(child -> rewrite(child, base, depth + 1));
        }
    }
}
