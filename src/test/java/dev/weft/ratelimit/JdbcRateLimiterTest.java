package dev.weft.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.common.Dialect;
import dev.weft.testsupport.H2TestDatabase;
import dev.weft.testsupport.PostgresTestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The database store on H2 and PostgreSQL: the contract, and one limit shared by several processes. */
class JdbcRateLimiterTest {

    @Nested
    class OnH2 extends RateLimiterContractTest {
        private final DataSource database = H2TestDatabase.migrated();
        private final RateLimiter limiter = new JdbcRateLimiter(JdbcClient.create(database), Dialect.H2);

        @Override
        protected RateLimiter limiter() {
            return limiter;
        }
    }

    @Nested
    class OnPostgres extends RateLimiterContractTest {
        private static DataSource database;

        @BeforeAll
        static void postgres() {
            PostgresTestDatabase.assumeAvailable();
            database = PostgresTestDatabase.migrated();
        }

        @Override
        protected RateLimiter limiter() {
            return new JdbcRateLimiter(JdbcClient.create(database), Dialect.POSTGRESQL);
        }

        @Test
        void oneLimitHoldsAcrossProcessesRacingForTheSameBucket() throws Exception {
            // two limiters on one database stand for two processes; twenty requests race for ten tokens of a
            // bucket none has seen yet (the first requests race to create it), five times over
            List<RateLimiter> processes = List.of(limiter(), limiter());
            Limit ten = new Limit(10, 0.001);
            ExecutorService threads = Executors.newFixedThreadPool(8);
            try {
                for (int round = 0; round < 5; round++) {
                    String key = key();
                    List<Callable<Boolean>> requests = new ArrayList<>();
                    for (int i = 0; i < 20; i++) {
                        RateLimiter process = processes.get(i % 2);
                        requests.add(() -> process.acquire(key, ten, T0).allowed());
                    }
                    long allowed = 0;
                    for (Future<Boolean> f : threads.invokeAll(requests)) {
                        allowed += f.get() ? 1 : 0;
                    }
                    assertThat(allowed).as("round %d", round).isEqualTo(10);
                }
            } finally {
                threads.shutdownNow();
            }
        }
    }
}
