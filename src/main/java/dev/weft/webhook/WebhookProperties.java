package dev.weft.webhook;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code weft.webhooks}.
 *
 * @param pollInterval how often the delivery worker looks for due deliveries (it is also woken
 *     when a run finishes, so this bounds only retries and deliveries left by other processes)
 * @param rotationGrace how long the previous secret keeps signing after a rotation
 * @param maxAttempts attempts per delivery before it fails for good
 * @param retryDelays the delay before the 2nd, 3rd, ... attempt; the last repeats
 * @param jitter the fraction (0..1) by which a retry delay is randomly shortened or lengthened
 * @param maxRetryAfter the longest {@code Retry-After} from a receiver that is honoured
 * @param lease how long a claimed delivery is reserved for the process sending it; longer than
 *     any send can take, so an expired lease means the sender died
 * @param batchSize deliveries claimed per poll at most
 * @param maxConcurrency deliveries being sent at once per process at most
 * @param maxSubscriptions subscriptions per app at most
 * @param maxPayloadBytes above this the run's input and output are left out of the payload
 * @param deliveryEnabled whether this process sends deliveries (off for API-only processes)
 */
@ConfigurationProperties("weft.webhooks")
public record WebhookProperties(
        @DefaultValue("PT0.5S") Duration pollInterval,
        @DefaultValue("PT24H") Duration rotationGrace,
        @DefaultValue("8") int maxAttempts,
        @DefaultValue({"PT5S", "PT30S", "PT2M", "PT10M", "PT30M", "PT1H", "PT3H"}) List<Duration> retryDelays,
        @DefaultValue("0.2") double jitter,
        @DefaultValue("PT3H") Duration maxRetryAfter,
        @DefaultValue("PT5M") Duration lease,
        @DefaultValue("100") int batchSize,
        @DefaultValue("32") int maxConcurrency,
        @DefaultValue("20") int maxSubscriptions,
        @DefaultValue("262144") int maxPayloadBytes,
        @DefaultValue("true") boolean deliveryEnabled) {

    public WebhookProperties {
        if (maxAttempts < 1 || batchSize < 1 || maxConcurrency < 1 || maxSubscriptions < 0 || maxPayloadBytes < 1024) {
            throw new IllegalArgumentException("weft.webhooks: max-attempts, batch-size and max-concurrency must be"
                    + " >= 1, max-subscriptions >= 0, max-payload-bytes >= 1024");
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("weft.webhooks.jitter must be in [0, 1)");
        }
        if (retryDelays == null || retryDelays.isEmpty() || retryDelays.stream().anyMatch(Duration::isNegative)) {
            throw new IllegalArgumentException("weft.webhooks.retry-delays must be a non-empty list of durations >= 0");
        }
        retryDelays = List.copyOf(retryDelays);
    }
}
