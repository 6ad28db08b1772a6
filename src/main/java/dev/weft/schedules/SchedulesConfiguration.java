package dev.weft.schedules;

import dev.weft.runs.RunCoordinator;
import dev.weft.runs.RunService;
import dev.weft.store.RunStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/** The schedules service, and the loop that fires due schedules ({@code weft.schedules.*}). */
@Configuration(proxyBeanMethods = false)
class SchedulesConfiguration {

    @Bean
    ScheduleStore scheduleStore(JdbcClient jdbc) {
        return new ScheduleStore(jdbc);
    }

    @Bean
    Schedules schedules(ScheduleStore store, RunService runs, RunStore runStore, RunCoordinator coordinator,
                        TransactionTemplate tx, Clock clock, MeterRegistry meters) {
        return new Schedules(store, runs, runStore, coordinator, tx, clock, meters);
    }

    @Bean
    FireLoop scheduleFireLoop(Schedules schedules, Clock clock,
                              @Value("${weft.schedules.enabled:true}") boolean enabled) {
        return new FireLoop(schedules, clock, enabled);
    }

    /** Every {@code weft.schedules.poll-interval} (1 s), fires what is due; in every process, each claim decides. */
    static final class FireLoop {

        private static final Logger log = LoggerFactory.getLogger(FireLoop.class);

        private final Schedules schedules;
        private final Clock clock;
        private final boolean enabled;

        FireLoop(Schedules schedules, Clock clock, boolean enabled) {
            this.schedules = schedules;
            this.clock = clock;
            this.enabled = enabled;
        }

        @Scheduled(fixedDelayString = "${weft.schedules.poll-interval:PT1S}", initialDelayString = "PT1S")
        void tick() {
            if (!enabled) {
                return;
            }
            try {
                schedules.fireDue(clock.instant());
            } catch (RuntimeException e) {
                log.warn("firing schedules failed; will try again", e);
            }
        }
    }
}
