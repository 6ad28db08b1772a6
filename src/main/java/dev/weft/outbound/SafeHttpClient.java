package dev.weft.outbound;

import dev.weft.outbound.OutboundException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * The HTTP client for user-given URLs. Every URL, the first and each redirect target, is checked
 * with the {@link OutboundPolicy}; the addresses are checked by the resolver the connection is made
 * with, so what is checked is what is connected to. Redirects are followed here rather than by
 * HttpClient so each hop goes through those checks. System proxy settings are ignored on purpose:
 * a proxy would resolve the host where the policy cannot see it.
 *
 * <p>Thread-safe; share one instance and close it on shutdown.
 */
public final class SafeHttpClient implements AutoCloseable {

    public static final String USER_AGENT = "Weft/0.1";

    /** Java arrays cannot be longer; a larger configured limit is capped here. */
    private static final long MAX_ARRAY_BYTES = Integer.MAX_VALUE - 16;

    private final OutboundPolicy policy;
    private final int maxRedirects;
    private final long maxResponseBytes;
    private final CloseableHttpClient client;

    public SafeHttpClient(OutboundPolicy policy, Duration connectTimeout, Duration responseTimeout,
            int maxRedirects, long maxResponseBytes) {
        this(policy, connectTimeout, responseTimeout, maxRedirects, maxResponseBytes, 1024, 256);
    }

    /**
     * @param maxConnections        open connections in all, across destinations
     * @param maxConnectionsPerHost open connections to one destination; steps are mostly I/O-bound
     *                              calls to a few AI hosts, so this bounds how many run at once
     */
    public SafeHttpClient(OutboundPolicy policy, Duration connectTimeout, Duration responseTimeout,
            int maxRedirects, long maxResponseBytes, int maxConnections, int maxConnectionsPerHost) {
        this.policy = Objects.requireNonNull(policy, "policy");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(responseTimeout, "responseTimeout");
        if (maxRedirects < 0 || maxResponseBytes <= 0) {
            throw new IllegalArgumentException("maxRedirects must be >= 0 and maxResponseBytes > 0");
        }
        this.maxRedirects = maxRedirects;
        this.maxResponseBytes = Math.min(maxResponseBytes, MAX_ARRAY_BYTES);
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new PolicyDnsResolver(policy))
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(connectTimeout))
                                .setSocketTimeout(Timeout.of(responseTimeout))
                                .build())
                        .setMaxConnTotal(maxConnections)
                        .setMaxConnPerRoute(maxConnectionsPerHost)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        // waiting for a pooled connection is queueing, not a network failure
                        .setConnectionRequestTimeout(Timeout.of(responseTimeout))
                        .setResponseTimeout(Timeout.of(responseTimeout))
                        .setRedirectsEnabled(false)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .setUserAgent(USER_AGENT)
                .build();
    }

    /** POSTs {@code body}; a 307/308 redirect repeats the POST, a 301/302/303 continues as a GET. */
    public OutboundResponse post(URI uri, Map<String, String> headers, byte[] body, String contentType)
            throws OutboundException {
        return exchange(new OutboundRequest("POST", uri, headers, Objects.requireNonNull(body, "body"),
                Objects.requireNonNull(contentType, "contentType")));
    }

    public OutboundResponse get(URI uri, Map<String, String> headers) throws OutboundException {
        return exchange(new OutboundRequest("GET", uri, headers, null, null));
    }

    private OutboundResponse exchange(OutboundRequest first) throws OutboundException {
        OutboundRequest request = first;
        for (int redirects = 0; ; redirects++) {
            policy.checkUrl(request.uri());
            OutboundResponse response = send(request);
            Location location = Location.of(response);
            if (!OutboundRequest.isRedirect(response.status()) || location == null) {
                return response;
            }
            if (redirects >= maxRedirects) {
                throw new OutboundException(Reason.TOO_MANY_REDIRECTS,
                        "Outbound request to '" + first.uri() + "' was redirected more than " + maxRedirects
                                + " times (last to '" + location.value() + "')");
            }
            request = request.redirectedTo(response.status(), location.resolveAgainst(request.uri()));
        }
    }

    private OutboundResponse send(OutboundRequest request) throws OutboundException {
        URI uri = request.uri();
        HttpUriRequestBase httpRequest = new HttpUriRequestBase(request.method(), uri);
        request.headers().forEach(httpRequest::setHeader);
        if (request.body() != null) {
            httpRequest.setEntity(new ByteArrayEntity(request.body(), ContentType.parse(request.contentType())));
        }
        try (ClassicHttpResponse response = client.executeOpen(HttpHost.create(uri), httpRequest,
                HttpClientContext.create())) {
            // Redirect bodies are not read: closing unread discards the connection, which is cheaper
            // than draining a body nobody wants.
            byte[] body = OutboundRequest.isRedirect(response.getCode()) ? new byte[0]
                    : readCapped(uri, response.getEntity());
            return new OutboundResponse(response.getCode(), headersOf(response), body, uri);
        } catch (IOException e) {
            throw translate(uri, e);
        }
    }

    private byte[] readCapped(URI uri, HttpEntity entity) throws IOException, OutboundException {
        if (entity == null) {
            return new byte[0];
        }
        if (entity.getContentLength() > maxResponseBytes) {
            throw tooLarge(uri);
        }
        try (InputStream in = entity.getContent()) {
            byte[] body = in.readNBytes((int) maxResponseBytes + 1);
            if (body.length > maxResponseBytes) {
                throw tooLarge(uri);
            }
            return body;
        }
    }

    private OutboundException tooLarge(URI uri) {
        return new OutboundException(Reason.RESPONSE_TOO_LARGE,
                "Response from '" + uri + "' is larger than " + maxResponseBytes + " bytes");
    }

    private static Map<String, List<String>> headersOf(ClassicHttpResponse response) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        Map<String, String> spellingByLowerCase = new LinkedHashMap<>();
        for (Header header : response.getHeaders()) {
            String name = spellingByLowerCase.computeIfAbsent(header.getName().toLowerCase(Locale.ROOT),
                    lower -> header.getName());
            headers.computeIfAbsent(name, n -> new ArrayList<>()).add(header.getValue());
        }
        return headers;
    }

    private static OutboundException translate(URI uri, IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PolicyDnsResolver.BlockedHostException blocked) {
                return blocked.blocked();
            }
        }
        String host = uri.getHost();
        return switch (e) {
            case InterruptedIOException timeout -> new OutboundException(Reason.TIMEOUT,
                    "Outbound request to '" + uri + "' timed out: " + timeout.getMessage(), e);
            case UnknownHostException unknown -> new OutboundException(Reason.CONNECT_FAILED,
                    "Outbound request to '" + uri + "' failed: host '" + host + "' could not be resolved", e);
            case ConnectException refused -> new OutboundException(Reason.CONNECT_FAILED,
                    "Outbound request to '" + uri + "' could not connect: " + refused.getMessage(), e);
            case NoRouteToHostException unreachable -> new OutboundException(Reason.CONNECT_FAILED,
                    "Outbound request to '" + uri + "' could not connect: " + unreachable.getMessage(), e);
            default -> new OutboundException(Reason.IO,
                    "Outbound request to '" + uri + "' failed: " + e, e);
        };
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration");
        }
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            // Nothing left to release that the caller could act on.
        }
    }

    /** A redirect's Location header. */
    private record Location(String value) {

        static Location of(OutboundResponse response) {
            return response.header("Location").filter(v -> !v.isBlank()).map(Location::new).orElse(null);
        }

        /** Relative locations resolve against the current URL; a fragment is dropped (never sent). */
        URI resolveAgainst(URI current) throws OutboundException {
            try {
                URI base = current.getRawPath() == null || current.getRawPath().isEmpty() ? current.resolve("/") : current;
                String resolved = base.resolve(new URI(value.strip())).toString();
                int hash = resolved.indexOf('#');
                return new URI(hash < 0 ? resolved : resolved.substring(0, hash));
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new OutboundException(Reason.INVALID_URL,
                        "Redirect from '" + current + "' to '" + value + "' is not a valid URL", e);
            }
        }
    }
}
