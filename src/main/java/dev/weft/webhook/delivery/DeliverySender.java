package dev.weft.webhook.delivery;

import dev.weft.outbound.OutboundException;
import dev.weft.outbound.SafeHttpClient;
import dev.weft.webhook.WebhookSecrets;
import dev.weft.signing.StandardWebhooks;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Sends one attempt of a delivery, signed with the app's secrets, and classifies what came back. */
@Component
public class DeliverySender {

    /** What the attempt came to, when it started and how long it took. */
    public record Sent(AttemptOutcome outcome, Instant at, long durationMs) {}

    private final SafeHttpClient http;
    private final WebhookSecrets secrets;
    private final Clock clock;

    public DeliverySender(SafeHttpClient http, WebhookSecrets secrets, Clock clock) {
        this.http = http;
        this.secrets = secrets;
        this.clock = clock;
    }

    public Sent send(Delivery delivery) {
        Instant at = clock.instant();
        long started = System.nanoTime();
        AttemptOutcome outcome;
        try {
            outcome = AttemptOutcome.of(http.post(URI.create(delivery.url()), headers(delivery, at),
                    delivery.payload().getBytes(StandardCharsets.UTF_8), "application/json"));
        } catch (OutboundException e) {
            outcome = AttemptOutcome.of(e);
        } catch (IllegalArgumentException e) {
            outcome = new AttemptOutcome.Failed(null, "invalid webhook URL '" + delivery.url() + "': " + e.getMessage());
        }
        return new Sent(outcome, at, (System.nanoTime() - started) / 1_000_000);
    }

    private Map<String, String> headers(Delivery delivery, Instant at) {
        long timestamp = at.getEpochSecond();
        List<String> signatures = secrets.signingSecrets(delivery.appId(), at).stream()
                .map(secret -> StandardWebhooks.sign(secret, delivery.id(), timestamp, delivery.payload()))
                .toList();
        Map<String, String> headers = new HashMap<>(StandardWebhooks.headers(delivery.id(), timestamp, signatures));
        headers.put("webhook-event", delivery.eventType());
        return headers;
    }
}
