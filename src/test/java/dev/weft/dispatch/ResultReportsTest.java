package dev.weft.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.testsupport.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

/** Reporting a result while the database is out of reach for a moment: tried again, paused, bounded. */
class ResultReportsTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-02T10:00:00Z"));
    private final List<Duration> pauses = new ArrayList<>();
    private final ResultReports reports = new ResultReports(Duration.ofSeconds(1), clock, d -> {
        pauses.add(d);
        clock.advance(d);
    });

    @Test
    void aReportThatFailsWhileTheConnectionIsLostIsTriedAgainUntilItGoesThrough() {
        AtomicInteger tries = new AtomicInteger();

        int took = reports.report(() -> {
            if (tries.incrementAndGet() == 1) {
                throw new CannotCreateTransactionException("Could not open JDBC Connection for transaction",
                        new java.sql.SQLException("This connection has been closed.", "08003"));
            }
            if (tries.get() == 2) {
                throw new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                        new java.sql.SQLTransientConnectionException("pool - Connection is not available"));
            }
        });

        assertThat(took).isEqualTo(3);
        assertThat(tries).hasValue(3);
        assertThat(pauses).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100));
    }

    @Test
    void itGivesUpToTheLeaseWhenTheDatabaseStaysUnreachableForTheWholeBudget() {
        AtomicInteger tries = new AtomicInteger();

        int took = reports.report(() -> {
            tries.incrementAndGet();
            throw new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                    new java.sql.SQLException("Connection refused", "08001"));
        });

        assertThat(took).isZero();
        assertThat(pauses).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200),
                Duration.ofMillis(400));
        assertThat(tries).hasValue(5);
    }

    @Test
    void aFailureThatIsNotTheDatabasesPassingTroubleIsNotRetried() {
        AtomicInteger tries = new AtomicInteger();

        assertThatThrownBy(() -> reports.report(() -> {
            tries.incrementAndGet();
            throw new DataIntegrityViolationException("a bug, not an outage");
        })).isInstanceOf(DataIntegrityViolationException.class);
        assertThat(tries).hasValue(1);
        assertThat(pauses).isEmpty();
    }
}
