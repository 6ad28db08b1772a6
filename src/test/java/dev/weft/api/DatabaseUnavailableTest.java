package dev.weft.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.it.Http;
import java.sql.Connection;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The database out of reach for a moment, made real by holding every connection of the pool (the
 * pool then gives up after its connection time-out, as it does when the server is gone): every
 * endpoint answers 503 with Retry-After, before a controller (an API key not yet cached) and inside
 * one; a run submitted meanwhile with an idempotency key is stored once when sent again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:unavailable;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "spring.datasource.hikari.maximum-pool-size=2",
        "spring.datasource.hikari.connection-timeout=1000",
        "weft.data-dir=target/test-data/unavailable",
        "weft.bootstrap.app-id=unavailable",
        "weft.bootstrap.api-key=" + DatabaseUnavailableTest.KEY,
        "weft.providers.warm-up=false"})
class DatabaseUnavailableTest {

    static final String KEY = "wk_database_unavailable_key_00000001";

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Test
    void everyEndpointAnswers503WithRetryAfterAndARetriedSubmissionIsStoredOnce() throws Exception {
        Http http = new Http("http://127.0.0.1:" + port, KEY);
        http.get("/v1/workflows/runs").expect(200); // the key is known (and cached) from here on
        String run = """
                {"plan": {"steps": [{"id": "a", "type": "transform", "input": {"v": 1}}]}}""";
        Map<String, String> idempotent = Map.of("Idempotency-Key", "retry-me-" + System.nanoTime());

        Http.Response list;
        Http.Response unknownKey;
        Http.Response submitted;
        try (Connection held = dataSource.getConnection(); Connection alsoHeld = dataSource.getConnection()) {
            list = http.get("/v1/workflows/runs");
            unknownKey = http.as("wk_never_seen_before_key_0000000000001").get("/v1/workflows/runs");
            submitted = http.post("/v1/workflows/run", run, idempotent);
        }
        Http.Response retried = http.post("/v1/workflows/run", run, idempotent);
        Http.Response again = http.post("/v1/workflows/run", run, idempotent);

        for (Http.Response r : new Http.Response[] {list, unknownKey, submitted}) {
            assertThat(r.status()).as(r.body()).isEqualTo(503);
            assertThat(r.header("Retry-After")).isEqualTo("2");
            assertThat(r.contentType()).startsWith("application/problem+json");
            JsonNode problem = r.json();
            assertThat(problem.get("type").asString()).endsWith("/service-unavailable");
            assertThat(problem.get("detail").asString()).contains("try again", "idempotency key");
            assertThat(r.body()).doesNotContain("Exception", "SQL", "Hikari");
        }
        assertThat(retried.status()).as(retried.body()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().get("runId").asString()).as("stored once").isEqualTo(retried.json().get("runId").asString());
        assertThat(http.get("/v1/workflows/runs").expect(200).json().get("runs")).hasSize(1);
    }
}
