package dev.weft.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** The few calls of Weft's HTTP API the harness makes. */
final class WeftClient {

    static final ObjectMapper JSON = JsonMapper.builder().build();

    private final String base;
    private final String apiKey;
    private final HttpClient http = HttpClient.newBuilder()
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .connectTimeout(Duration.ofSeconds(5)).build();

    WeftClient(String base, String apiKey) {
        this.base = base;
        this.apiKey = apiKey;
    }

    /** Starts a run; returns its id. A 503 (the service's database busy or away) is sent again after its Retry-After, up to 30 times. */
    String submit(String body) {
        HttpResponse<String> r = null;
        for (int tries = 0; tries < 30; tries++) {
            r = send(request("/v1/workflows/run")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
            if (r.statusCode() != 503) {
                break;
            }
            Bench.sleep(1000L * Long.parseLong(r.headers().firstValue("Retry-After").orElse("1")));
        }
        if (r.statusCode() != 202) {
            throw new IllegalStateException("submit answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body()).get("runId").asString();
    }

    /**
     * Opens a run's event stream; {@code onLine} sees each line as it arrives. The returned future
     * completes when the stream ends; cancel it to close the stream.
     */
    java.util.concurrent.CompletableFuture<HttpResponse<Void>> stream(String runId, java.util.function.Consumer<String> onLine) {
        return http.sendAsync(request("/v1/workflows/runs/" + runId + "/stream").header("Accept", "text/event-stream")
                .GET().build(), HttpResponse.BodyHandlers.fromLineSubscriber(new java.util.concurrent.Flow.Subscriber<String>() {
                    @Override
                    public void onSubscribe(java.util.concurrent.Flow.Subscription subscription) {
                        subscription.request(Long.MAX_VALUE);
                    }

                    @Override
                    public void onNext(String line) {
                        onLine.accept(line);
                    }

                    @Override
                    public void onError(Throwable throwable) {
                    }

                    @Override
                    public void onComplete() {
                    }
                }));
    }

    /** The run view with its steps' timings. */
    JsonNode run(String runId) {
        return getJson("/v1/workflows/runs/" + runId);
    }

    /** True while any run of the app is pending or running. */
    boolean busy() {
        return hasAny("pending") || hasAny("running");
    }

    /** Every run created at or after {@code since} (summaries: status and run timestamps, no steps). */
    List<JsonNode> runsSince(Instant since) {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        do {
            String path = "/v1/workflows/runs?limit=200&createdAfter=" + enc(since.toString())
                    + (cursor == null ? "" : "&cursor=" + enc(cursor));
            JsonNode page = getJson(path);
            page.get("runs").forEach(all::add);
            JsonNode next = page.get("nextCursor");
            cursor = next == null || next.isNull() ? null : next.asString();
        } while (cursor != null);
        return all;
    }

    boolean healthy() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health")).timeout(Duration.ofSeconds(2))
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean hasAny(String status) {
        return !getJson("/v1/workflows/runs?limit=1&status=" + status).get("runs").isEmpty();
    }

    private JsonNode getJson(String path) {
        HttpResponse<String> r = send(request(path).GET().build());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("X-API-Key", apiKey).timeout(Duration.ofSeconds(60));
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
