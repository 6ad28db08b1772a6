package dev.weft.dispatch;

import dev.weft.store.RunStore;
import dev.weft.runs.RunEvents;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * In-process dispatch (embedded mode): dispatcher, worker, maintenance loop and restart recovery.
 * Kafka dispatch lives in {@code dev.weft.dispatch.kafka}.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(DispatchMode.OnInProcess.class)
class DispatchConfiguration {

    DispatchConfiguration(Environment env) {
        if (WeftRole.of(env) != WeftRole.ALL) {
            throw new IllegalStateException("weft.role=" + env.getProperty("weft.role")
                    + " needs Kafka dispatch: set spring.kafka.bootstrap-servers (SPRING_KAFKA_BOOTSTRAP_SERVERS)");
        }
    }

    @Bean
    InProcessDispatcher inProcessDispatcher(Clock clock, MeterRegistry meters) {
        InProcessDispatcher dispatcher = new InProcessDispatcher(clock);
        Gauge.builder("weft.dispatch.queued", dispatcher, InProcessDispatcher::size).register(meters);
        return dispatcher;
    }

    @Bean
    StepWorker stepWorker(RunStore store, StepExecutor executor, RunEvents coordinator, TransactionTemplate tx,
                          EngineProperties properties, Clock clock, MeterRegistry meters) {
        return new StepWorker(store, executor, coordinator, tx, properties, clock, meters);
    }

    /** The process's step slots, shared by the dispatch loop and local continuation. */
    @Bean
    ExecutionSlots executionSlots(StepWorker worker, EngineProperties properties) {
        return new ExecutionSlots(worker, properties.maxConcurrentSteps(), true);
    }

    @Bean
    InProcessStepLoop inProcessStepLoop(InProcessDispatcher dispatcher, StepWorker worker, ExecutionSlots slots) {
        return new InProcessStepLoop(dispatcher, worker, slots);
    }

    @Bean
    Maintenance maintenance(RunStore store, InProcessDispatcher dispatcher, StepWorker worker,
                            RunEvents coordinator, dev.weft.runs.ConcurrencyGate gate, EngineProperties properties,
                            Clock clock) {
        return new Maintenance(store, dispatcher, worker, coordinator, gate, properties, clock);
    }

    @Bean
    ApplicationRunner recoverInterruptedSteps(Maintenance maintenance, EngineProperties properties,
                                              dev.weft.common.Dialect dialect) {
        // Only an embedded H2 file belongs to this one process; on a shared PostgreSQL another
        // process may be running those steps right now, and their leases expire by themselves.
        return args -> {
            if (properties.recoverOnStart() && dialect == dev.weft.common.Dialect.H2) {
                maintenance.recoverAfterRestart();
            }
        };
    }
}
