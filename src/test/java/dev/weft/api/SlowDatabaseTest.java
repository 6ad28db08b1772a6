package dev.weft.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.it.Http;
import dev.weft.testsupport.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A stalled database on PostgreSQL: a statement that waits (here on a lock another session holds)
 * is cancelled by the statement time-out ({@code spring.jdbc.template.query-timeout}, shortened
 * here), so the request answers 503 with Retry-After instead of hanging with its connection, and
 * health, which does not touch the stalled table, still answers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "weft.data-dir=target/test-data/slow-database",
        "weft.bootstrap.app-id=slow",
        "weft.bootstrap.api-key=" + SlowDatabaseTest.KEY,
        "weft.providers.warm-up=false",
        "spring.jdbc.template.query-timeout=1s"})
class SlowDatabaseTest {

    static final String KEY = "wk_slow_database_key_000000000000001";
    private static String url;

    @BeforeAll
    static void database() {
        PostgresTestDatabase.assumeAvailable();
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        if (PostgresTestDatabase.unavailableReason() != null) {
            return;
        }
        url = PostgresTestDatabase.createUrl();
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", PostgresTestDatabase::user);
        registry.add("spring.datasource.password", PostgresTestDatabase::password);
    }

    @LocalServerPort
    int port;

    @Test
    void aStatementStalledOnALockIsCancelledAndTheRequestAnswers503() throws Exception {
        Http http = new Http("http://127.0.0.1:" + port, KEY);
        http.get("/v1/workflows/runs").expect(200);

        Http.Response stalled;
        Http.Response health;
        try (Connection other = DriverManager.getConnection(url, PostgresTestDatabase.user(), PostgresTestDatabase.password())) {
            other.setAutoCommit(false);
            try (Statement lock = other.createStatement()) {
                lock.execute("LOCK TABLE runs IN ACCESS EXCLUSIVE MODE");
            }
            stalled = http.get("/v1/workflows/runs");
            health = http.as(null).get("/actuator/health");
            other.rollback();
        }

        assertThat(stalled.status()).as(stalled.body()).isEqualTo(503);
        assertThat(stalled.header("Retry-After")).isEqualTo("2");
        assertThat(stalled.json().get("type").asString()).endsWith("/service-unavailable");
        assertThat(health.status()).isEqualTo(200);
        http.get("/v1/workflows/runs").expect(200);
    }
}
