package dev.weft.retention;

import dev.weft.artifacts.ArtifactStore;
import dev.weft.auth.AppDirectory;
import dev.weft.runs.RunCoordinator;
import dev.weft.vector.VectorIndex;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/** The retention service, and the periodic purge where {@code weft.retention.enabled}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RetentionProperties.class)
class RetentionConfiguration {

    @Bean
    Retention retention(JdbcClient jdbc, TransactionTemplate tx, ArtifactStore artifacts, AppDirectory apps,
                        RunCoordinator coordinator, VectorIndex vectors, RetentionProperties properties, Clock clock,
                        MeterRegistry meters) {
        return new Retention(jdbc, new RunPurger(jdbc, tx, artifacts, properties.batchSize()), apps, coordinator, vectors,
                properties, clock, meters);
    }

    @Bean
    PurgeSchedule purgeSchedule(Retention retention, RetentionProperties properties) {
        return new PurgeSchedule(retention, properties);
    }

    /** Runs a purge pass every {@code weft.retention.interval}; a failed pass is tried again next time. */
    static final class PurgeSchedule {

        private static final Logger log = LoggerFactory.getLogger(PurgeSchedule.class);

        private final Retention retention;
        private final RetentionProperties properties;

        PurgeSchedule(Retention retention, RetentionProperties properties) {
            this.retention = retention;
            this.properties = properties;
        }

        @Scheduled(fixedDelayString = "${weft.retention.interval:PT10M}", initialDelayString = "PT1M")
        void purge() {
            if (!properties.enabled()) {
                return;
            }
            try {
                retention.purgeExpired();
            } catch (RuntimeException e) {
                log.warn("retention purge failed; will try again", e);
            }
        }
    }
}
