package dev.weft.it;

import dev.weft.testsupport.PostgresTestDatabase;
import dev.weft.testsupport.SharedKafka;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The infrastructure a behaviour suite runs on. Each constant is a property set laid over the
 * suite's own properties, plus what it needs from the machine; one Spring context per backend is
 * shared by every test class that names it with {@link UseBackend}. A new backend (for example
 * PostgreSQL with Kafka dispatch) is a new constant and a new {@code …BackendTest} listing the suite.
 */
public enum Backend {

    /** Embedded mode: in-memory H2 (PostgreSQL mode), in-process dispatch. */
    H2("H2") {
        @Override
        Map<String, Object> properties() {
            return Map.of("spring.datasource.url", "jdbc:h2:mem:apitest;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                    + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        }
    },

    /** The machine's PostgreSQL (a throwaway database for this JVM), in-process dispatch. */
    POSTGRES("PostgreSQL") {
        @Override
        Map<String, Object> properties() {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("spring.datasource.url", PostgresTestDatabase.sharedUrl());
            if (PostgresTestDatabase.user() != null) {
                p.put("spring.datasource.username", PostgresTestDatabase.user());
            }
            p.put("spring.datasource.password", PostgresTestDatabase.password());
            p.put("spring.datasource.hikari.maximum-pool-size", "10");
            return p;
        }

        @Override
        String unavailableReason() {
            return PostgresTestDatabase.unavailableReason();
        }
    },

    /**
     * Distributed mode: the machine's PostgreSQL and a real KRaft Kafka broker started by the tests.
     * Local continuation is off, so every step of the suite crosses the broker (as it does for the
     * steps an api-only process queues); the continuation itself is the in-process backends' code
     * path, and {@code KafkaLocalContinuationTest} and the fault tests run it with Kafka.
     */
    POSTGRES_KAFKA("PostgreSQL") {
        @Override
        Map<String, Object> properties() {
            Map<String, Object> p = new LinkedHashMap<>(POSTGRES.properties());
            p.put("spring.datasource.url", PostgresTestDatabase.createUrl()); // its own throwaway database
            p.putAll(SharedKafka.dispatchProperties());
            p.put("weft.kafka.continue-locally", "false");
            return p;
        }

        @Override
        String unavailableReason() {
            return PostgresTestDatabase.unavailableReason();
        }
    };

    private final String databaseProduct;

    Backend(String databaseProduct) {
        this.databaseProduct = databaseProduct;
    }

    /** The JDBC product name the application must be connected to. */
    String databaseProduct() {
        return databaseProduct;
    }

    /** Spring properties that select this backend; computed when its context is first built. */
    abstract Map<String, Object> properties();

    /** Why this backend cannot run on this machine, saying how to make it run; {@code null} if it can. */
    String unavailableReason() {
        return null;
    }
}
