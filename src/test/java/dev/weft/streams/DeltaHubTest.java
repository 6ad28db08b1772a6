package dev.weft.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.weft.common.Dialect;
import dev.weft.steps.StepDeltas;
import dev.weft.testsupport.PostgresTestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.env.MockEnvironment;

/**
 * Streamed step text reaches the streams of the process that runs the step, gathered into
 * deltas, and on PostgreSQL the streams of another process (here a second hub) through NOTIFY,
 * long texts in pieces under PostgreSQL's payload limit.
 */
class DeltaHubTest {

    @Test
    void aStepsTextReachesThisProcesssListenersInOrderGathered() throws Exception {
        DataSource h2 = dev.weft.testsupport.H2TestDatabase.migrated();
        DeltaHub hub = new DeltaHub(JdbcClient.create(h2), Dialect.H2, new MockEnvironment(), true);
        List<StepDeltas.Delta> received = new CopyOnWriteArrayList<>();
        try (AutoCloseable subscription = hub.subscribe("run-1", received::add)) {
            Consumer<String> sink = hub.sink("run-1", "write", 2);
            sink.accept("Hello ");
            sink.accept("there.");
            hub.sink("run-2", "other", 1).accept("not for run-1");
            hub.flush();
            assertThat(received).extracting(StepDeltas.Delta::text).containsExactly("Hello there.");
            assertThat(received.getFirst().stepId()).isEqualTo("write");
            assertThat(received.getFirst().attempt()).isEqualTo(2);
            assertThat(received.getFirst().seq()).isEqualTo(1);
        }
        hub.sink("run-1", "write", 2).accept("after the subscription ended");
        hub.flush();
        assertThat(received).hasSize(1);
        assertThat(hub.acrossProcesses()).isFalse();
        hub.stop();
    }

    @Test
    void onPostgresqlAnotherProcessReceivesTheDeltasThroughNotify() throws Exception {
        PostgresTestDatabase.assumeAvailable();
        String url = PostgresTestDatabase.createUrl();
        DataSource db = new org.springframework.jdbc.datasource.DriverManagerDataSource(url, PostgresTestDatabase.user(),
                PostgresTestDatabase.password());
        MockEnvironment env = new MockEnvironment().withProperty("spring.datasource.url", url)
                .withProperty("spring.datasource.username", PostgresTestDatabase.user())
                .withProperty("spring.datasource.password", PostgresTestDatabase.password() == null ? "" : PostgresTestDatabase.password());
        DeltaHub worker = new DeltaHub(JdbcClient.create(db), Dialect.POSTGRESQL, env, true);
        DeltaHub api = new DeltaHub(JdbcClient.create(db), Dialect.POSTGRESQL, env, true);
        List<StepDeltas.Delta> received = new CopyOnWriteArrayList<>();
        try (AutoCloseable subscription = api.subscribe("run-9", received::add)) {
            // the listener is up once a probe delta comes through
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
                worker.sink("run-9", "probe", 1).accept(".");
                worker.flush();
                return received.stream().anyMatch(d -> d.stepId().equals("probe"));
            });
            String longText = "word ".repeat(1_000); // 5,000 characters: more than one NOTIFY
            worker.sink("run-9", "write", 1).accept(longText);
            worker.flush();
            await().atMost(Duration.ofSeconds(20)).until(() -> received.stream().filter(d -> d.stepId().equals("write"))
                    .mapToInt(d -> d.text().length()).sum() == longText.length());
            StringBuilder joined = new StringBuilder();
            received.stream().filter(d -> d.stepId().equals("write")).forEach(d -> joined.append(d.text()));
            assertThat(joined.toString()).isEqualTo(longText);
            assertThat(received).filteredOn(d -> d.stepId().equals("write"))
                    .allSatisfy(d -> assertThat(d.text().length()).isLessThanOrEqualTo(DeltaHub.MAX_NOTIFY_CHARS));
        } finally {
            worker.stop();
            api.stop();
        }
    }
}
