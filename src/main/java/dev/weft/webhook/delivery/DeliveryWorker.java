package dev.weft.webhook.delivery;

import dev.weft.webhook.WebhookProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends due deliveries. A poll claims each due row with a lease (so no two processes send the same
 * attempt at once) and sends it on a virtual thread; the result is written back with the attempt.
 * Polls run on a timer, when a run finishes ({@link #wake()}) and when a short retry falls due,
 * one at a time per process; a wake-up during a poll makes it poll again.
 */
@Component
public class DeliveryWorker implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    private final DeliveryStore store;
    private final DeliverySender sender;
    private final WebhookProperties properties;
    private final RetrySchedule schedule;
    private final Clock clock;
    private final MeterRegistry meters;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("webhook-retry-timer").factory());
    private final Semaphore sending;
    private final AtomicInteger pollRequests = new AtomicInteger();
    private volatile boolean stopped;

    public DeliveryWorker(DeliveryStore store, DeliverySender sender, WebhookProperties properties, Clock clock,
                          MeterRegistry meters) {
        this.store = store;
        this.sender = sender;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        this.sending = new Semaphore(properties.maxConcurrency());
        this.schedule = new RetrySchedule(properties.retryDelays(), properties.jitter(), properties.maxRetryAfter(),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    @Scheduled(fixedDelayString = "${weft.webhooks.poll-interval:PT0.5S}", initialDelayString = "PT1S")
    public void tick() {
        wake();
    }

    /** Asks for a poll soon; cheap and safe to call from any thread, as often as wanted. */
    public void wake() {
        if (!stopped && properties.deliveryEnabled() && pollRequests.getAndIncrement() == 0) {
            threads.execute(this::pollWhileAsked);
        }
    }

    private void pollWhileAsked() {
        int seen;
        do {
            seen = pollRequests.get();
            try {
                pollOnce();
            } catch (RuntimeException e) {
                log.warn("webhook poll failed; the next one will retry", e);
            }
        } while (pollRequests.addAndGet(-seen) != 0);
    }

    private void pollOnce() {
        int free = Math.min(properties.batchSize(), sending.availablePermits());
        if (stopped || free == 0) {
            return;
        }
        Instant now = clock.instant();
        var due = store.due(now, free);
        for (String id : due) {
            if (!sending.tryAcquire()) {
                return;
            }
            if (!stopped && store.claim(id, now, properties.lease())) {
                boolean more = due.size() == free;
                threads.execute(() -> sendClaimed(id, more));
            } else {
                sending.release();
            }
        }
    }

    private void sendClaimed(String id, boolean backlog) {
        try {
            store.find(id).ifPresent(this::attempt);
        } catch (RuntimeException e) {
            log.warn("webhook delivery {} failed unexpectedly; it will be retried when its lease ends", id, e);
        } finally {
            sending.release();
            if (backlog) {
                wake();
            }
        }
    }

    private void attempt(Delivery delivery) {
        DeliverySender.Sent sent = sender.send(delivery);
        int number = delivery.attempts() + 1;
        Instant now = clock.instant();
        DeliveryAttempt attempt = new DeliveryAttempt(number, sent.at(), sent.outcome().statusCode(),
                sent.outcome().error(), sent.durationMs());
        String outcome;
        boolean recorded;
        switch (sent.outcome()) {
            case AttemptOutcome.Delivered d -> {
                outcome = "delivered";
                recorded = store.recordAttempt(delivery.id(), attempt, DeliveryStatus.DELIVERED, null, now);
            }
            case AttemptOutcome.Retry r when number < delivery.maxAttempts() -> {
                outcome = "retry";
                Duration delay = schedule.delayAfter(number, r.retryAfter());
                recorded = store.recordAttempt(delivery.id(), attempt, DeliveryStatus.PENDING, now.plus(delay), null);
                wakeAfter(delay);
            }
            case AttemptOutcome.Retry r -> {
                outcome = "failed";
                recorded = store.recordAttempt(delivery.id(), new DeliveryAttempt(number, attempt.at(),
                        attempt.statusCode(), "gave up after " + number + " attempts; last: " + r.error(),
                        attempt.durationMs()), DeliveryStatus.FAILED, null, null);
            }
            case AttemptOutcome.Failed f -> {
                outcome = "failed";
                recorded = store.recordAttempt(delivery.id(), attempt, DeliveryStatus.FAILED, null, null);
            }
        }
        if (recorded) {
            meters.counter("weft.webhook.deliveries", "outcome", outcome).increment();
            meters.timer("weft.webhook.attempt.duration").record(Duration.ofMillis(sent.durationMs()));
        }
    }

    /** A retry due before the next timed poll gets its own wake-up, so short delays are kept. */
    private void wakeAfter(Duration delay) {
        if (delay.compareTo(properties.pollInterval()) < 0 && !stopped) {
            timer.schedule(this::wake, Math.max(delay.toMillis(), 1), TimeUnit.MILLISECONDS);
        }
    }

    /** Stops claiming; sends in flight get a moment to finish, the rest are retried after their lease. */
    @Override
    public void destroy() throws InterruptedException {
        stopped = true;
        timer.shutdownNow();
        threads.shutdown();
        if (!threads.awaitTermination(10, TimeUnit.SECONDS)) {
            threads.shutdownNow();
        }
    }
}
