package dev.weft.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.webhook.delivery.Delivery;
import dev.weft.webhook.delivery.DeliveryStatus;
import dev.weft.webhook.delivery.DeliveryStore;
import dev.weft.webhook.delivery.DeliveryWorker;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class DeliveryQueueTest extends WebhookHttpTest {

    @Autowired
    DeliveryStore store;
    @Autowired
    DeliveryWorker worker;

    @Test
    void letsOnlyOneClaimerLeaseADueDelivery() {
        String appId = appIdOf(newApp());
        Instant later = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MICROS);
        Delivery d = delivery(appId, "http://127.0.0.1:1/never", later);
        store.insert(d);
        Instant then = later.plusSeconds(1);

        // Lease time is driven here, not waited for: the first claimer's term has ended as it is taken.
        boolean first = store.claim(d.id(), then, Duration.ofMinutes(-1));
        boolean afterLeaseEnds = store.claim(d.id(), then, Duration.ofMinutes(5));
        boolean whileHeld = store.claim(d.id(), then, Duration.ofMinutes(5));

        assertThat(first).isTrue();
        assertThat(afterLeaseEnds).as("an expired lease means its sender died").isTrue();
        assertThat(whileHeld).as("a held lease keeps other claimers out").isFalse();
    }

    @Test
    void sendsAPendingRowLeftByAnEarlierProcessOnTheNextPoll() {
        String key = newApp();
        Receiver receiver = receiver();
        Delivery d = delivery(appIdOf(key), receiver.url("/late"), Instant.now().truncatedTo(ChronoUnit.MICROS));
        store.insert(d);

        worker.tick();

        assertThat(awaitDelivery(key, d.runId(), "delivered").get("id").asString()).isEqualTo(d.id());
        assertThat(receiver.received()).extracting(Receiver.Request::path).containsExactly("/late");
    }

    private static Delivery delivery(String appId, String url, Instant due) {
        return new Delivery("msg_" + UUID.randomUUID(), appId, "run-" + UUID.randomUUID(), null, url, "run.completed",
                "{\"type\":\"run.completed\"}", DeliveryStatus.PENDING, 0, 3, due, null, null, due, null);
    }
}
