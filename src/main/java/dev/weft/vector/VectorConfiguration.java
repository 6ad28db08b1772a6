package dev.weft.vector;

import dev.weft.common.Dialect;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Chooses the vector index by {@code weft.vector.engine}: {@code auto} (default) uses pgvector when
 * the database is PostgreSQL with the extension installed or installable, and the exact in-memory
 * search ({@link JdbcVectorIndex}) otherwise; {@code exact} always uses the latter. The choice is
 * shown by {@code GET /v1/collections} and {@code /actuator/info}.
 */
@Configuration(proxyBeanMethods = false)
public class VectorConfiguration {

    private static final Logger log = LoggerFactory.getLogger(VectorConfiguration.class);

    @Bean
    VectorIndex vectorIndex(JdbcClient jdbc, Dialect dialect, ObjectProvider<Clock> clockProvider,
                            @Value("${weft.vector.engine:auto}") String engine) {
        Clock clock = clockProvider.getIfAvailable(Clock::systemUTC);
        if (!engine.equals("auto") && !engine.equals("exact")) {
            throw new IllegalArgumentException("weft.vector.engine must be auto or exact, not " + engine);
        }
        if (engine.equals("auto") && dialect == Dialect.POSTGRESQL) {
            var pgvector = PgVectorIndex.tryCreate(jdbc, clock);
            if (pgvector.isPresent()) {
                log.info("vector search: pgvector");
                return pgvector.get();
            }
            log.info("vector search: exact in-memory (pgvector is not available in this PostgreSQL)");
        }
        return new JdbcVectorIndex(jdbc, clock);
    }

    @Bean
    InfoContributor vectorEngineInfo(VectorIndex index) {
        return builder -> builder.withDetail("vector", Map.of("engine", index.engine()));
    }
}
