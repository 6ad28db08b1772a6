package dev.weft.dispatch.kafka;

import dev.weft.store.RunStore;
import dev.weft.dispatch.DispatchMode;
import dev.weft.dispatch.EngineProperties;
import dev.weft.dispatch.ExecutionSlots;
import dev.weft.dispatch.Maintenance;
import dev.weft.dispatch.StepExecutor;
import dev.weft.dispatch.StepWorker;
import dev.weft.dispatch.WeftRole;
import dev.weft.runs.RunEvents;
import dev.weft.common.Dialect;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Kafka dispatch (distributed mode): selected when {@code spring.kafka.bootstrap-servers} is set
 * (or {@code weft.dispatch=kafka}). Every process writes the outbox and runs the relay; processes
 * whose {@link WeftRole} runs workers also consume, execute and run the maintenance loop.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(DispatchMode.OnKafka.class)
class KafkaDispatchConfiguration {

    @Bean
    NewTopic weftStepsTopic(KafkaDispatchProperties properties) {
        return TopicBuilder.name(properties.topic()).partitions(properties.partitions())
                .replicas(properties.replicationFactor()).build();
    }

    @Bean
    NewTopic weftStepsDeadLetterTopic(KafkaDispatchProperties properties) {
        return TopicBuilder.name(properties.deadLetterTopic()).partitions(properties.partitions())
                .replicas(properties.replicationFactor()).build();
    }

    @Bean
    DefaultKafkaProducerFactory<String, Object> weftStepProducerFactory(KafkaProperties kafka) {
        Map<String, Object> config = kafka.buildProducerProperties();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        // The relay sends a pass's rows together and waits for their acknowledgement, so the client's
        // own batching delay (5 ms by default since Kafka 4.0) only adds to every hop.
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 0);
        // raw bytes are what the dead-letter recoverer forwards for a message that could not be read
        Serializer<Object> values = new DelegatingByTypeSerializer(Map.of(
                StepMessage.class, new StepMessageCodec(), byte[].class, new ByteArraySerializer()));
        return new DefaultKafkaProducerFactory<>(config, new StringSerializer(), values);
    }

    @Bean
    KafkaTemplate<String, Object> weftStepTemplate(DefaultKafkaProducerFactory<String, Object> producers) {
        return new KafkaTemplate<>(producers);
    }

    @Bean
    StepPublisher kafkaStepPublisher(KafkaTemplate<String, Object> template, KafkaDispatchProperties properties) {
        return message -> template.send(properties.topic(), message.runId(), message);
    }

    @Bean
    DispatchOutbox dispatchOutbox(JdbcClient jdbc, DataSource dataSource) {
        return new DispatchOutbox(jdbc, Dialect.detect(dataSource));
    }

    /**
     * {@code dispatch} in {@code /actuator/health}: {@code DEGRADED} while the relay cannot publish to
     * the broker. Runs are still accepted (their steps wait in the outbox) and go out when it is back,
     * so the process stays in service (HTTP 200); the status says the backlog grows.
     */
    @Bean
    org.springframework.boot.health.contributor.HealthIndicator dispatchHealthIndicator(OutboxRelay relay) {
        return () -> relay.failing()
                ? org.springframework.boot.health.contributor.Health.status("DEGRADED")
                        .withDetail("reason", "the broker is unreachable: steps wait in the outbox").build()
                : org.springframework.boot.health.contributor.Health.up().build();
    }

    @Bean
    OutboxRelay outboxRelay(DispatchOutbox outbox, StepPublisher publisher, TransactionTemplate tx,
                            KafkaDispatchProperties properties, Clock clock) {
        return new OutboxRelay(outbox, publisher, tx, properties, clock);
    }

    @Bean
    OutboxDispatcher outboxDispatcher(DispatchOutbox outbox, OutboxRelay relay, StepPublisher publisher,
                                      KafkaDispatchProperties properties, Clock clock) {
        return new OutboxDispatcher(outbox, relay, publisher, properties.redispatchAfter(), clock);
    }

    /** The consuming side, only in processes that execute steps. (Scanning finds it on its own: both conditions.) */
    @Configuration(proxyBeanMethods = false)
    @Conditional({DispatchMode.OnKafka.class, WeftRole.RunsWorkers.class})
    static class Workers {

        @Bean
        StepWorker stepWorker(RunStore store, StepExecutor executor, RunEvents coordinator,
                              TransactionTemplate tx, EngineProperties properties, Clock clock, MeterRegistry meters) {
            return new StepWorker(store, executor, coordinator, tx, properties, clock, meters);
        }

        @Bean
        Maintenance maintenance(RunStore store, OutboxDispatcher dispatcher, StepWorker worker,
                                RunEvents coordinator, dev.weft.runs.ConcurrencyGate gate,
                                EngineProperties properties, Clock clock) {
            return new Maintenance(store, dispatcher, worker, coordinator, gate, properties, clock);
        }

        /** The process's step slots, shared by the consumer and local continuation. */
        @Bean
        ExecutionSlots executionSlots(StepWorker worker, EngineProperties engine, KafkaDispatchProperties properties) {
            return new ExecutionSlots(worker, engine.maxConcurrentSteps(), properties.continueLocally());
        }

        /** Claims and executes step messages; a bean so that its held-steps feeder stops with the context. */
        @Bean
        StepMessageListener stepMessageListener(StepWorker worker, ExecutionSlots slots, KafkaDispatchProperties properties,
                                                io.micrometer.core.instrument.MeterRegistry meters) {
            StepMessageListener listener = new StepMessageListener(worker, slots, properties.heldSteps());
            io.micrometer.core.instrument.Gauge.builder("weft.dispatch.held", listener, StepMessageListener::holding)
                    .description("step messages a saturated worker holds for its next free slot").register(meters);
            return listener;
        }

        @Bean
        ConcurrentMessageListenerContainer<String, StepMessage> weftStepListenerContainer(
                KafkaProperties kafka, KafkaDispatchProperties properties, StepWorker worker, ExecutionSlots slots,
                KafkaTemplate<String, Object> template, RunStore store, OutboxDispatcher dispatcher,
                TransactionTemplate tx, StepMessageListener stepMessageListener) {
            Map<String, Object> config = kafka.buildConsumerProperties();
            config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.consumerGroup());
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.maxPollRecords());
            var consumers = new DefaultKafkaConsumerFactory<>(config, new StringDeserializer(),
                    new ErrorHandlingDeserializer<>(new StepMessageCodec()));

            ContainerProperties container = new ContainerProperties(properties.topic());
            container.setAckMode(ContainerProperties.AckMode.MANUAL);
            container.setMessageListener(stepMessageListener);

            var deadLetters = new DeadLetterPublishingRecoverer(template,
                    (record, e) -> new TopicPartition(properties.deadLetterTopic(), -1));
            var errors = new DefaultErrorHandler(
                    new PoisonMessageRecoverer(deadLetters, store, dispatcher, tx, properties.deadLetterTopic()),
                    new FixedBackOff(500, 2));
            errors.setCommitRecovered(true);

            var listener = new ConcurrentMessageListenerContainer<>(consumers, container);
            listener.setConcurrency(properties.consumerConcurrency());
            listener.setCommonErrorHandler(errors);
            listener.setBeanName("weftStepListener");
            listener.setPhase(Integer.MAX_VALUE - 50); // on shutdown, stop consuming before the worker stops

            return listener;
        }
    }
}
