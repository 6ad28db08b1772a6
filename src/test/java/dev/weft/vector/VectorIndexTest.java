package dev.weft.vector;

import java.time.Clock;
import org.junit.jupiter.api.Nested;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@link VectorIndexContractTest} on every implementation. */
class VectorIndexTest {

    /** The exact engine on H2, the embedded mode's database. */
    @Nested
    class ExactOnH2 extends VectorIndexContractTest {
        @Override
        protected JdbcClient database() {
            return dev.weft.artifacts.TestDatabase.migrated();
        }

        @Override
        protected VectorIndex newIndex(JdbcClient jdbc) {
            return new JdbcVectorIndex(jdbc, Clock.systemUTC());
        }
    }

    /** The exact engine on PostgreSQL without the extension. */
    @Nested
    class ExactOnPostgres extends VectorIndexContractTest {
        @Override
        protected JdbcClient database() {
            dev.weft.testsupport.PostgresTestDatabase.assumeAvailable();
            return JdbcClient.create(dev.weft.testsupport.PostgresTestDatabase.migrated());
        }

        @Override
        protected VectorIndex newIndex(JdbcClient jdbc) {
            return new JdbcVectorIndex(jdbc, Clock.systemUTC());
        }
    }

    /** pgvector's index, where the extension exists (it is not packaged for every PostgreSQL). */
    @Nested
    class PgVector extends VectorIndexContractTest {
        @Override
        protected JdbcClient database() {
            dev.weft.testsupport.PostgresTestDatabase.assumeAvailable();
            JdbcClient jdbc = JdbcClient.create(dev.weft.testsupport.PostgresTestDatabase.migrated());
            org.junit.jupiter.api.Assumptions.assumeTrue(PgVectorIndex.tryCreate(jdbc, Clock.systemUTC()).isPresent(),
                    "the pgvector extension is not installed in this PostgreSQL");
            return jdbc;
        }

        @Override
        protected VectorIndex newIndex(JdbcClient jdbc) {
            return PgVectorIndex.tryCreate(jdbc, Clock.systemUTC()).orElseThrow();
        }
    }
}
