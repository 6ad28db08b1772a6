package dev.weft.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.common.Dialect;
import dev.weft.common.Json;
import dev.weft.engine.RunStatus;
import dev.weft.testsupport.PostgresTestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class PostgresRunStoreContractTest extends RunStoreContractTest {

    private static DataSource database;

    @BeforeAll
    static void postgres() {
        PostgresTestDatabase.assumeAvailable();
        database = PostgresTestDatabase.migrated();
    }

    @Override
    protected DataSource database() {
        return database;
    }

    /**
     * The console's runs page (and GET /v1/workflows/runs) pages an app of 10,000 runs through an
     * index from the cursor on: PostgreSQL's plan for a later page, with and without a status, has
     * no sequential scan of the runs table.
     */
    @Test
    void pagingTenThousandRunsWalksAnIndexNotTheTable() {
        JdbcClient jdbc = JdbcClient.create(database);
        JdbcRunStore store = new JdbcRunStore(jdbc, Dialect.detect(database));
        String app = "paging-" + System.nanoTime();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String seed = Ids.uuid();
        store.insert(new NewRun(seed, app, "nightly", 1, "{\"steps\": []}", Json.object(), null, null, "hash", now,
                now.plus(Duration.ofHours(1)), null, Lineage.NONE, Admission.DEFAULT, List.of()));
        jdbc.sql("""
                INSERT INTO runs (id, app_id, workflow_slug, workflow_version, definition, input, status, created_at,
                                  updated_at, deadline)
                SELECT left(r.id, 24) || lpad(g::text, 12, '0'), r.app_id, r.workflow_slug, r.workflow_version,
                       r.definition, r.input, CASE WHEN g % 10 = 0 THEN 'failed' ELSE 'completed' END, r.created_at,
                       r.updated_at, r.deadline
                FROM runs r, generate_series(1, 10000) g WHERE r.id = ?""").param(seed).update();
        jdbc.sql("ANALYZE runs").update();
        String cursor = store.list(app, new RunFilter(null, null, null, null, null), null, 5000).getLast().id();

        for (RunFilter filter : List.of(new RunFilter(null, null, null, null, null),
                new RunFilter(RunStatus.FAILED, null, null, null, null))) {
            JdbcRunStore.Query page = JdbcRunStore.listQuery(app, filter, cursor, 26);
            String plan = String.join("\n", jdbc.sql("EXPLAIN " + page.sql()).params(page.params()).query(String.class).list());
            assertThat(plan).as(plan).contains("Index").doesNotContain("Seq Scan on runs");
        }
        assertThat(store.list(app, new RunFilter(null, null, null, null, null), cursor, 26)).hasSize(26);
    }

    private static final class Ids {
        static String uuid() {
            return dev.weft.common.Ids.uuid7(Clock.systemUTC());
        }
    }
}
