package dev.weft.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.it.Http;
import dev.weft.testsupport.ManualClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * Rate limits over HTTP, with the service's clock held still so that no token comes back while the
 * test runs: three requests per key at once, five per app.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:ratelimits;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "weft.data-dir=target/test-data/ratelimits",
        "weft.admin-token=rl-admin",
        "weft.bootstrap.app-id=limited",
        "weft.bootstrap.api-key=wk_rate_limited_key_000000000000001",
        "weft.rate-limits.per-key.capacity=3",
        "weft.rate-limits.per-key.per-second=0.5",
        "weft.rate-limits.per-app.capacity=5",
        "weft.rate-limits.per-app.per-second=0.5"})
@Import(RateLimitHttpTest.StillClock.class)
class RateLimitHttpTest {

    @TestConfiguration
    static class StillClock {
        static final ManualClock CLOCK = new ManualClock(Instant.parse("2026-12-02T10:00:00Z"));

        @Bean
        @Primary
        Clock testClock() {
            return CLOCK;
        }
    }

    @LocalServerPort
    int port;

    @Test
    void aKeyGetsItsBurstThenA429WithRetryAfterAndTheHeadersSayWhereItStands() {
        Http http = new Http("http://127.0.0.1:" + port, "wk_rate_limited_key_000000000000001");
        var responses = java.util.stream.IntStream.range(0, 4).mapToObj(i -> http.get("/v1/workflows/runs")).toList();

        assertThat(responses).extracting(Http.Response::status).containsExactly(200, 200, 200, 429);
        assertThat(responses.get(3).contentType()).startsWith("application/problem+json");
        assertThat(responses.get(3).json().get("detail").asString()).contains("API key");
        var limited = rawHeaders("/v1/workflows/runs", "wk_rate_limited_key_000000000000001");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).contains("2");
        assertThat(limited.headers().firstValue("RateLimit-Limit")).contains("3");
        assertThat(limited.headers().firstValue("RateLimit-Remaining")).contains("0");
        assertThat(limited.headers().firstValue("RateLimit-Policy")).contains("3;w=6");

        StillClock.CLOCK.advance(Duration.ofSeconds(2));
        var again = rawHeaders("/v1/workflows/runs", "wk_rate_limited_key_000000000000001");
        assertThat(again.statusCode()).as("a token came back after Retry-After").isEqualTo(200);
        assertThat(again.headers().firstValue("RateLimit-Remaining")).contains("0");
    }

    @Test
    void theAppsBucketIsSharedByAllItsKeys() {
        Http admin = new Http("http://127.0.0.1:" + port, null).asAdmin("rl-admin");
        admin.post("/admin/apps", "{\"id\": \"shared-limit\", \"name\": \"x\"}").expect(201);
        String first = admin.post("/admin/apps/shared-limit/keys", "{}").expect(201).json().get("key").asString();
        String second = admin.post("/admin/apps/shared-limit/keys", "{}").expect(201).json().get("key").asString();
        String third = admin.post("/admin/apps/shared-limit/keys", "{}").expect(201).json().get("key").asString();

        int ok = 0;
        for (String key : java.util.List.of(first, first, second, second, third, third)) {
            ok += new Http("http://127.0.0.1:" + port, key).get("/v1/workflows/runs").status() == 200 ? 1 : 0;
        }
        var refused = new Http("http://127.0.0.1:" + port, third).get("/v1/workflows/runs");

        assertThat(ok).as("five per app, though each key has room for three").isEqualTo(5);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().get("detail").asString()).contains("this app");
    }

    private java.net.http.HttpResponse<String> rawHeaders(String path, String key) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + port + path)).header("X-API-Key", key).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
