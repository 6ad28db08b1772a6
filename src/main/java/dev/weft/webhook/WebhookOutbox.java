package dev.weft.webhook;

import dev.weft.common.Ids;
import dev.weft.runs.FinishedRun;
import dev.weft.runs.RunFinishedListener;
import dev.weft.store.RunRecord;
import dev.weft.webhook.delivery.Delivery;
import dev.weft.webhook.delivery.DeliveryStatus;
import dev.weft.webhook.delivery.DeliveryStore;
import dev.weft.webhook.delivery.DeliveryWorker;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The transactional outbox: when a run finishes, one delivery row per target (the run's
 * {@code webhookUrl} and each subscription that wants the event; a URL gets one delivery even if
 * named twice) is written in the transaction that finished the run, so the event is sent if and
 * only if the run's end is committed. The worker is woken after the commit.
 */
@Component
public class WebhookOutbox implements RunFinishedListener, dev.weft.runs.StepEventListener {

    private final DeliveryStore deliveries;
    private final Subscriptions subscriptions;
    private final DeliveryWorker worker;
    private final WebhookProperties properties;
    private final Clock clock;
    private final dev.weft.api.PublicUrl publicUrl;

    public WebhookOutbox(DeliveryStore deliveries, Subscriptions subscriptions, DeliveryWorker worker,
                         WebhookProperties properties, Clock clock, dev.weft.api.PublicUrl publicUrl) {
        this.publicUrl = publicUrl;
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.worker = worker;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void onRunFinished(FinishedRun run) {
        EventType type = EventType.forRun(run.status()).orElse(null);
        if (type == null) {
            return;
        }
        Map<String, String> subscriptionByUrl = new LinkedHashMap<>();
        if (run.webhookUrl() != null && !run.webhookUrl().isBlank()) {
            subscriptionByUrl.put(run.webhookUrl(), null);
        }
        for (Subscription s : subscriptions.cached(run.appId())) {
            if (s.wants(type)) {
                subscriptionByUrl.putIfAbsent(s.url(), s.id());
            }
        }
        if (subscriptionByUrl.isEmpty()) {
            return;
        }
        Instant now = Timestamps.micros(clock.instant());
        RunRecord details = run.details();
        String payload = RunPayload.of(type, details, details.finishedAt() != null ? details.finishedAt() : now,
                properties.maxPayloadBytes(), publicUrl.base());
        subscriptionByUrl.forEach((url, subscriptionId) -> deliveries.insert(new Delivery("msg_" + Ids.uuid7(clock),
                run.appId(), run.id(), subscriptionId, url, type.wire(), payload, DeliveryStatus.PENDING, 0,
                properties.maxAttempts(), now, null, null, now, null)));
        wakeAfterCommit();
    }

    /** Step-level events for the subscriptions that opted into them, signed and retried like run events. */
    @Override
    public void onStepEvents(StepRun run, List<StepEvent> events) {
        List<Subscription> subscribers = subscriptions.stepSubscribers(run.appId());
        if (subscribers.isEmpty()) {
            return;
        }
        Instant now = Timestamps.micros(clock.instant());
        boolean any = false;
        for (StepEvent event : events) {
            EventType type = EventType.fromWire(event.type()).orElse(null);
            if (type == null) {
                continue;
            }
            String payload = null;
            for (Subscription s : subscribers) {
                if (!s.wants(type)) {
                    continue;
                }
                if (payload == null) {
                    payload = RunPayload.ofStep(type, run, event, now);
                }
                deliveries.insert(new Delivery("msg_" + Ids.uuid7(clock), run.appId(), run.runId(), s.id(), s.url(),
                        type.wire(), payload, DeliveryStatus.PENDING, 0, properties.maxAttempts(), now, null, null, now,
                        null));
                any = true;
            }
        }
        if (any) {
            wakeAfterCommit();
        }
    }

    private void wakeAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    worker.wake();
                }
            });
        } else {
            worker.wake();
        }
    }
}
