package dev.weft.outbound;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A response to an outbound request, after redirects.
 *
 * @param status the HTTP status of the last response
 * @param headers header names as received, each with its values in order
 * @param body the whole body, at most the client's size limit; not copied, do not modify
 * @param finalUri the URL that produced this response (differs from the request URL after redirects)
 */
public record OutboundResponse(int status, Map<String, List<String>> headers, byte[] body, URI finalUri) {

    public OutboundResponse {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        headers = Collections.unmodifiableMap(copy);
    }

    /** The first value of a header, the name compared case-insensitively. */
    public Optional<String> header(String name) {
        return headers.entrySet().stream()
                .filter(entry -> entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty())
                .map(entry -> entry.getValue().getFirst())
                .findFirst();
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** The body decoded as UTF-8. */
    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
