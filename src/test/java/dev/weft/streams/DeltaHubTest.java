package dev.weft.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.weft.common.Dialect;
import dev.weft.steps.StepDeltas;
import dev.weft.testsupport.PostgresTestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
    void aStepsTextReachesThisProcesssListenersGatheredInOrderAndTheRestWhenTheAttemptEnds() throws Exception {
        DataSource h2 = dev.weft.testsupport.H2TestDatabase.migrated();
        DeltaHub hub = new DeltaHub(JdbcClient.create(h2), Dialect.H2, new MockEnvironment(), true);
        List<StepDeltas.Delta> received = new CopyOnWriteArrayList<>();
        try (AutoCloseable subscription = hub.subscribe("run-1", received::add)) {
            StepDeltas.Sink sink = hub.sink("run-1", "write", 2);
            sink.accept("Hello ");
            sink.accept("there.");
            hub.sink("run-2", "other", 1).accept("not for run-1");
            hub.flush();
            sink.accept(" More");
            hub.flush();
            hub.flush(); // nothing new: no delta
            sink.accept(" The end.");
            sink.close(); // the attempt ended: the rest goes at once, without waiting for a flush
            assertThat(received).extracting(StepDeltas.Delta::text).containsExactly("Hello there.", " More", " The end.");
            assertThat(received).extracting(StepDeltas.Delta::seq).containsExactly(1L, 2L, 3L);
            assertThat(received).allSatisfy(d -> {
                assertThat(d.stepId()).isEqualTo("write");
                assertThat(d.attempt()).isEqualTo(2);
            });
        }
        hub.sink("run-1", "write", 3).accept("after the subscription ended");
        hub.flush();
        assertThat(received).hasSize(3);
        assertThat(hub.acrossProcesses()).isFalse();
        hub.stop();
    }

    @Test
    void longTextIsCutIntoPiecesNeverInsideACharacter() {
        String text = "a".repeat(DeltaHub.MAX_PIECE_CHARS - 1) + "\uD83D\uDE00" + "b".repeat(10);
        List<String> pieces = DeltaHub.pieces(text);
        assertThat(pieces).hasSize(2);
        assertThat(pieces.getFirst()).hasSize(DeltaHub.MAX_PIECE_CHARS - 1);
        assertThat(pieces.get(1)).startsWith("\uD83D\uDE00");
        assertThat(String.join("", pieces)).isEqualTo(text);
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
                try (var probe = worker.sink("run-9", "probe", 1)) {
                    probe.accept(".");
                }
                return received.stream().anyMatch(d -> d.stepId().equals("probe"));
            });
            String longText = "word ".repeat(1_000); // 5,000 characters: more than one NOTIFY
            try (var sink = worker.sink("run-9", "write", 1)) {
                sink.accept(longText);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> received.stream().filter(d -> d.stepId().equals("write"))
                    .mapToInt(d -> d.text().length()).sum() == longText.length());
            StringBuilder joined = new StringBuilder();
            received.stream().filter(d -> d.stepId().equals("write")).forEach(d -> joined.append(d.text()));
            assertThat(joined.toString()).isEqualTo(longText);
            List<StepDeltas.Delta> write = received.stream().filter(d -> d.stepId().equals("write")).toList();
            assertThat(write).hasSizeGreaterThan(1)
                    .allSatisfy(d -> assertThat(d.text().length()).isLessThanOrEqualTo(DeltaHub.MAX_PIECE_CHARS));
            assertThat(write).extracting(StepDeltas.Delta::seq).isSorted().doesNotHaveDuplicates();
        } finally {
            worker.stop();
            api.stop();
        }
    }
}
