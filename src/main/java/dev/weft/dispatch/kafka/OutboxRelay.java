package dev.weft.dispatch.kafka;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes due outbox rows and deletes each once the broker acknowledged it. Runs on one thread,
 * woken after a commit that added rows and otherwise every {@code relayInterval} (which is also how
 * delayed retries go out when they fall due). A crash between the acknowledgement and the delete
 * publishes a row twice; consumers tolerate that.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final DispatchOutbox outbox;
    private final StepPublisher publisher;
    private final TransactionTemplate tx;
    private final KafkaDispatchProperties properties;
    private final Clock clock;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile Thread thread;
    private volatile boolean running;
    /** Passes in a row in which a publish failed; while above 0 the relay probes with one row at a time. */
    private volatile int failedPasses;
    private static final long MAX_BACKOFF_MILLIS = 5_000;

    public OutboxRelay(DispatchOutbox outbox, StepPublisher publisher, TransactionTemplate tx,
                       KafkaDispatchProperties properties, Clock clock) {
        this.outbox = outbox;
        this.publisher = publisher;
        this.tx = tx;
        this.properties = properties;
        this.clock = clock;
    }

    /** Whether the last pass could not publish (the broker is unreachable from here): rows wait in the outbox. */
    public boolean failing() {
        return failedPasses > 0;
    }

    /** Asks for a pass soon; cheap, callable from any thread. */
    public void wake() {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().name("weft-outbox-relay").daemon().start(this::loop);
    }

    private void loop() {
        while (running) {
            try {
                if (failedPasses > 0) {
                    // The broker is unreachable from here: hold at most one row's lock at a time and
                    // back off, so relays of processes that can publish take the rest meanwhile.
                    long backoff = Math.min(MAX_BACKOFF_MILLIS,
                            properties.relayInterval().toMillis() << Math.min(failedPasses, 10));
                    TimeUnit.MILLISECONDS.sleep(backoff);
                } else {
                    wakeUps.tryAcquire(properties.relayInterval().toMillis(), TimeUnit.MILLISECONDS);
                }
                wakeUps.drainPermits();
                while (running && relayOnce() == properties.relayBatch()) {
                    // a full batch: there may be more
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("outbox relay pass failed; will retry", e);
            }
        }
    }

    /** One pass: publishes up to a batch of due rows; @return how many were published and deleted. */
    int relayOnce() {
        Integer sent = tx.execute(status -> {
            int limit = failedPasses > 0 ? 1 : properties.relayBatch();
            List<DispatchOutbox.Entry> due = outbox.lockDue(clock.instant(), limit);
            List<CompletableFuture<?>> sends = new ArrayList<>(due.size());
            for (DispatchOutbox.Entry entry : due) {
                sends.add(publisher.publish(entry.message()));
            }
            List<Long> acknowledged = new ArrayList<>(due.size());
            for (int i = 0; i < due.size(); i++) {
                if (acknowledged(sends.get(i))) {
                    acknowledged.add(due.get(i).id());
                }
            }
            outbox.delete(acknowledged);
            failedPasses = acknowledged.size() < due.size() ? failedPasses + 1 : 0;
            return acknowledged.size();
        });
        return sent == null ? 0 : sent;
    }

    private boolean acknowledged(CompletableFuture<?> send) {
        try {
            send.get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            log.warn("publishing a step message failed; its outbox row stays for the next pass: {}", String.valueOf(e.getCause()));
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Keeps publishing until the workers and the listener have stopped. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 200;
    }
}
