package dev.weft.dispatch;

import dev.weft.runs.RunCoordinator;
import dev.weft.store.JdbcRunStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

/** In-process dispatch (embedded mode): dispatcher, worker, maintenance loop and restart recovery. */
@Configuration(proxyBeanMethods = false)
class DispatchConfiguration {

    @Bean
    InProcessDispatcher inProcessDispatcher(Clock clock, MeterRegistry meters) {
        InProcessDispatcher dispatcher = new InProcessDispatcher(clock);
        Gauge.builder("weft.dispatch.queued", dispatcher, InProcessDispatcher::size).register(meters);
        return dispatcher;
    }

    @Bean
    StepWorker stepWorker(InProcessDispatcher dispatcher, JdbcRunStore store, StepExecutor executor,
                          RunCoordinator coordinator, TransactionTemplate tx, EngineProperties properties, Clock clock,
                          MeterRegistry meters) {
        return new StepWorker(dispatcher, store, executor, coordinator, tx, properties, clock, meters);
    }

    @Bean
    Maintenance maintenance(JdbcRunStore store, InProcessDispatcher dispatcher, StepWorker worker,
                            RunCoordinator coordinator, EngineProperties properties, Clock clock) {
        return new Maintenance(store, dispatcher, worker, coordinator, properties, clock);
    }

    @Bean
    ApplicationRunner recoverInterruptedSteps(Maintenance maintenance, EngineProperties properties) {
        return args -> {
            if (properties.recoverOnStart()) {
                maintenance.recoverAfterRestart();
            }
        };
    }
}
