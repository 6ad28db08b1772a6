package dev.weft.dispatch.kafka;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Kafka dispatch settings ({@code weft.kafka.*}); the connection itself is Spring Boot's
 * {@code spring.kafka.*}.
 *
 * @param topic               the steps topic; messages are keyed by run id
 * @param deadLetterTopic     where unreadable step messages go
 * @param partitions          partitions of both topics when this service creates them; the upper
 *                            bound of consumers (worker processes × concurrency) that get work
 * @param replicationFactor   replication of both topics when created (3 in production)
 * @param consumerGroup       the workers' consumer group
 * @param consumerConcurrency consumer threads per worker process. Each claims its records one at a
 *                            time (a database transaction each; execution then runs on virtual
 *                            threads), so one thread bounds a process to a few hundred claims a
 *                            second and queues the hops behind each other: with 4, the benchmark's
 *                            broker hop went from about 30 to about 12 ms (docs/benchmarks.md).
 *                            Partitions bound the useful total across processes.
 * @param maxPollRecords      records per poll, kept small so a saturated worker hands back little
 * @param relayInterval       how often the outbox relay looks for due rows besides its wake-ups
 * @param relayBatch          rows the relay publishes per pass
 * @param sendTimeout         how long the relay waits for the broker's acknowledgement of a batch
 * @param redispatchAfter     how long a due step may stay unclaimed before the maintenance loop
 *                            publishes it again (its message may have been lost)
 * @param heldSteps         messages a worker whose every slot is busy holds for its next free slots,
 *                            handed out highest run priority first (beyond them, records stay on
 *                            the topic); small, so that a busy worker does not hoard steps
 * @param continueLocally     a worker process claims a step it made ready (by recording the result
 *                            of its dependency) itself, in that same transaction, when it has a free
 *                            slot, instead of publishing it for any worker: no broker round trip and
 *                            no claim transaction. Off: every step goes through the topic.
 */
@ConfigurationProperties("weft.kafka")
public record KafkaDispatchProperties(@DefaultValue("weft.steps") String topic,
                                      @DefaultValue("weft.steps.DLT") String deadLetterTopic,
                                      @DefaultValue("12") int partitions,
                                      @DefaultValue("1") short replicationFactor,
                                      @DefaultValue("weft-workers") String consumerGroup,
                                      @DefaultValue("4") int consumerConcurrency,
                                      @DefaultValue("20") int maxPollRecords,
                                      @DefaultValue("PT0.5S") Duration relayInterval,
                                      @DefaultValue("500") int relayBatch,
                                      @DefaultValue("PT10S") Duration sendTimeout,
                                      @DefaultValue("PT30S") Duration redispatchAfter,
                                      @DefaultValue("32") int heldSteps,
                                      @DefaultValue("true") boolean continueLocally) {}
