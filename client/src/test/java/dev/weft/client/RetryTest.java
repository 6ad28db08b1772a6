package dev.weft.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * 429 and 503 are retried after the server's Retry-After, a bounded number of times; other
 * problems never. A local HTTP server answers in the API's problem format, so the retries can be
 * counted (the real server's limits are tested with it elsewhere).
 */
class RetryTest {

    private final AtomicInteger calls = new AtomicInteger();
    private HttpServer server;

    private WeftClient serve(int failures, int status, RetryPolicy policy) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            int n = calls.incrementAndGet();
            byte[] body;
            if (n <= failures) {
                body = ("{\"type\":\"https://weft.dev/problems/x\",\"title\":\"Busy\",\"status\":" + status
                        + ",\"detail\":\"try later\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
                exchange.getResponseHeaders().add("Retry-After", "0");
                exchange.sendResponseHeaders(status, body.length);
            } else {
                body = "{\"runId\":\"r1\",\"status\":\"completed\",\"priority\":5}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
            }
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return WeftClient.builder().baseUrl("http://127.0.0.1:" + server.getAddress().getPort()).apiKey("wk_k")
                .retries(policy).build();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void rateLimitsAndUnavailabilityAreRetriedAfterRetryAfter() throws IOException {
        WeftClient client = serve(2, 429, new RetryPolicy(3, Duration.ofMillis(10), Duration.ofSeconds(1)));
        assertThat(client.runs().get("r1").status()).isEqualTo("completed");
        assertThat(calls.get()).isEqualTo(3);
    }

    @Test
    void retriesStopAtTheLimitWithTheProblem() throws IOException {
        WeftClient client = serve(10, 503, new RetryPolicy(2, Duration.ofMillis(10), Duration.ofSeconds(1)));
        WeftApiException e = catchThrowableOfType(WeftApiException.class, () -> client.runs().get("r1"));
        assertThat(e.status()).isEqualTo(503);
        assertThat(e.retryAfter()).isEqualTo(Duration.ZERO);
        assertThat(calls.get()).isEqualTo(3);
    }

    @Test
    void otherProblemsAreNeverRetried() throws IOException {
        WeftClient client = serve(10, 409, RetryPolicy.DEFAULT);
        assertThat(catchThrowableOfType(WeftApiException.class, () -> client.runs().get("r1")).status()).isEqualTo(409);
        assertThat(calls.get()).isEqualTo(1);
    }

    @Test
    void theKeyNeverLeavesForAnotherHost() throws IOException {
        WeftClient client = serve(0, 200, RetryPolicy.NONE);
        Transport transport = new Transport(client.baseUrl(), "wk_k", java.net.http.HttpClient.newHttpClient(),
                Duration.ofSeconds(5), RetryPolicy.NONE);
        for (String url : List.of("http://evil.example/v1/x", "https://127.0.0.1:" + server.getAddress().getPort() + "/v1",
                "http://127.0.0.1:1/v1/x")) {
            assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> transport.resolve(url)))
                    .as(url).hasMessageContaining("refusing to send the API key");
        }
        assertThat(transport.resolve(client.baseUrl() + "/v1/workflows/runs/r1").getPath()).isEqualTo("/v1/workflows/runs/r1");
    }
}
