package dev.weft.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;


/**
 * The HTTP exchange under every call: the API key, JSON both ways, problems turned into
 * {@link WeftApiException}, and 429/503 retried after the server's {@code Retry-After} (with
 * jitter, a bounded number of times). Requests only ever go to the configured server: a URL the
 * server hands back is followed only when it has the same origin, and redirects are not followed.
 */
final class Transport {

    static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false)
            .findAndRegisterModules();

    private final URI base;
    private final String apiKey;
    private final HttpClient http;
    private final Duration timeout;
    private final RetryPolicy retries;

    Transport(URI base, String apiKey, HttpClient http, Duration timeout, RetryPolicy retries) {
        this.base = base;
        this.apiKey = apiKey;
        this.http = http;
        this.timeout = timeout;
        this.retries = retries;
    }

    URI base() {
        return base;
    }

    Duration timeout() {
        return timeout;
    }

    HttpClient http() {
        return http;
    }

    String apiKey() {
        return apiKey;
    }

    /** An answer: status, headers and body. */
    record Answer(int status, Map<String, List<String>> headers, byte[] body) {
        JsonNode json() {
            try {
                return body.length == 0 ? JSON.nullNode() : JSON.readTree(body);
            } catch (IOException e) {
                throw new WeftTransportException("the server's answer is not JSON", e);
            }
        }

        <T> T as(Class<T> type) {
            try {
                return JSON.readValue(body, type);
            } catch (IOException e) {
                throw new WeftTransportException("the server's answer does not read as " + type.getSimpleName(), e);
            }
        }

        String header(String name) {
            for (var e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    Answer get(String path) {
        return send("GET", path, null, Map.of());
    }

    Answer post(String path, Object body) {
        return send("POST", path, body, Map.of());
    }

    /** Sends, retrying 429 and 503 as the policy allows; any other answer of 400 or more is thrown. */
    Answer send(String method, String path, Object body, Map<String, String> headers) {
        byte[] payload = body == null ? null : write(body);
        for (int attempt = 1; ; attempt++) {
            Answer answer = once(method, path, payload, headers);
            if (answer.status() < 400) {
                return answer;
            }
            WeftApiException problem = problem(answer);
            boolean retryable = answer.status() == 429 || answer.status() == 503;
            if (!retryable || attempt > retries.maxRetries()) {
                throw problem;
            }
            sleep(retries.delay(attempt, problem.retryAfter()));
        }
    }

    /** Opens a streaming GET (server-sent events), with extra headers; the caller closes the body. */
    HttpResponse<InputStream> stream(String path, Map<String, String> headers) {
        HttpRequest.Builder request = request("GET", path, null, headers).timeout(Duration.ofDays(1))
                .header("Accept", "text/event-stream");
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new WeftTransportException("could not open the event stream " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WeftTransportException("interrupted while opening " + path, e);
        }
    }

    private Answer once(String method, String path, byte[] payload, Map<String, String> headers) {
        HttpRequest request = request(method, path, payload, headers).build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new WeftTransportException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WeftTransportException("interrupted during " + method + " " + path, e);
        }
    }

    private HttpRequest.Builder request(String method, String path, byte[] payload, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(resolve(path)).timeout(timeout)
                .header("X-API-Key", apiKey)
                .header("Accept", "application/json")
                .header("User-Agent", "weft-java-client/0.1")
                .method(method, payload == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(payload));
        if (payload != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return request;
    }

    /**
     * A path of the API, or an absolute URL the server gave (statusUrl, an artifact's url) when it
     * points at the same server; anything else is refused, so the API key never leaves for
     * another host.
     */
    URI resolve(String pathOrUrl) {
        URI target = pathOrUrl.startsWith("/") ? base.resolve(stripSlash(base.getPath()) + pathOrUrl) : URI.create(pathOrUrl);
        boolean sameOrigin = target.getScheme() != null && target.getScheme().equalsIgnoreCase(base.getScheme())
                && target.getHost() != null && target.getHost().equalsIgnoreCase(base.getHost())
                && port(target) == port(base);
        if (!sameOrigin) {
            throw new IllegalArgumentException("refusing to send the API key to " + target.getScheme() + "://"
                    + target.getHost() + ":" + port(target) + ": the client talks only to " + base);
        }
        return target;
    }

    private static String stripSlash(String path) {
        return path == null || path.equals("/") ? "" : path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    static WeftApiException problem(Answer answer) {
        String type = null;
        String title = null;
        String detail = null;
        List<WeftApiException.FieldError> errors = new ArrayList<>();
        try {
            Map<String, Object> p = JSON.readValue(answer.body(), new TypeReference<LinkedHashMap<String, Object>>() { });
            type = (String) p.get("type");
            title = (String) p.get("title");
            detail = (String) p.get("detail");
            if (p.get("errors") instanceof List<?> list) {
                for (Object e : list) {
                    if (e instanceof Map<?, ?> m) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> fields = (Map<String, Object>) m;
                        errors.add(WeftApiException.fieldError(fields));
                    }
                }
            }
        } catch (IOException | RuntimeException notAProblem) {
            detail = new String(answer.body(), StandardCharsets.UTF_8);
        }
        Duration retryAfter = null;
        String header = answer.header("Retry-After");
        if (header != null && header.strip().matches("\\d{1,6}")) {
            retryAfter = Duration.ofSeconds(Long.parseLong(header.strip()));
        }
        return new WeftApiException(type, title, answer.status(), detail, errors, retryAfter);
    }

    static byte[] write(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("the request body cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    static String query(Map<String, ?> params) {
        StringBuilder q = new StringBuilder();
        params.forEach((name, value) -> {
            if (value != null) {
                q.append(q.length() == 0 ? "?" : "&").append(name).append('=')
                        .append(URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
            }
        });
        return q.toString();
    }

    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis()); // waiting out the server's Retry-After, not a synchronisation
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WeftTransportException("interrupted while waiting to retry", e);
        }
    }
}
