package dev.weft.outbound;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One request of a possibly redirected exchange; {@link #redirectedTo} says what the next one is.
 *
 * @param body {@code null} for none
 * @param contentType {@code null} when there is no body
 */
record OutboundRequest(String method, URI uri, Map<String, String> headers, byte[] body, String contentType) {

    /** Headers HttpClient computes itself; a caller's value would conflict or misroute. */
    private static final Set<String> MANAGED_HEADERS = Set.of("host", "content-length", "transfer-encoding", "connection");

    /** Credentials meant for the original origin only, as browsers and curl do. */
    private static final Set<String> ORIGIN_CREDENTIALS = Set.of("authorization", "proxy-authorization", "cookie");

    /** Describe the body, so they go when a redirect drops the body. */
    private static final Set<String> BODY_HEADERS = Set.of("content-type", "content-encoding", "content-language");

    OutboundRequest {
        headers = without(headers == null ? Map.of() : headers, MANAGED_HEADERS);
    }

    static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /**
     * The request to send after a redirect: 303, and 301/302 after a POST (what every client does),
     * become a GET without body; 307 and 308 keep method and body. Credentials are not sent on to
     * another origin.
     */
    OutboundRequest redirectedTo(int status, URI target) {
        boolean toGet = status == 303 || ((status == 301 || status == 302) && method.equals("POST"));
        Map<String, String> nextHeaders = sameOrigin(uri, target) ? headers : without(headers, ORIGIN_CREDENTIALS);
        if (toGet) {
            return new OutboundRequest("GET", target, without(nextHeaders, BODY_HEADERS), null, null);
        }
        return new OutboundRequest(method, target, nextHeaders, body, contentType);
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme())
                && OutboundPolicy.normalizeHost(a.getHost()).equals(OutboundPolicy.normalizeHost(b.getHost()))
                && effectivePort(a) == effectivePort(b);
    }

    private static int effectivePort(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    private static Map<String, String> without(Map<String, String> headers, Set<String> lowerCaseNames) {
        return headers.entrySet().stream()
                .filter(entry -> !lowerCaseNames.contains(entry.getKey().toLowerCase(Locale.ROOT)))
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> Objects.requireNonNull(e.getValue())));
    }
}
