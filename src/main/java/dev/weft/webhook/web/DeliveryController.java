package dev.weft.webhook.web;

import dev.weft.api.ApiProblem;
import dev.weft.auth.AuthenticatedApp;
import dev.weft.webhook.WebhookProperties;
import dev.weft.webhook.delivery.DeliveryStatus;
import dev.weft.webhook.delivery.DeliveryStore;
import dev.weft.webhook.delivery.DeliveryWorker;
import dev.weft.webhook.web.Views.DeliveryView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Webhook deliveries of the app: listing, one with its attempts, and a manual retry. */
@RestController
@RequestMapping("/v1/webhooks/deliveries")
@Tag(name = "Webhooks")
public class DeliveryController {

    private static final int MAX_PAGE = 100;

    private final DeliveryStore store;
    private final DeliveryWorker worker;
    private final WebhookProperties properties;
    private final Clock clock;

    public DeliveryController(DeliveryStore store, DeliveryWorker worker, WebhookProperties properties, Clock clock) {
        this.store = store;
        this.worker = worker;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping
    @Operation(summary = "Deliveries, newest first; filter by runId and status (pending, delivered, failed)")
    public Map<String, List<DeliveryView>> list(AuthenticatedApp app, @RequestParam(required = false) String runId,
                                                @RequestParam(required = false) String status,
                                                @RequestParam(defaultValue = "20") int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw ApiProblem.invalidField("limit", "must be from 1 to " + MAX_PAGE);
        }
        DeliveryStatus wanted = status == null ? null : DeliveryStatus.fromWire(status)
                .orElseThrow(() -> ApiProblem.invalidField("status", "must be one of pending, delivered, failed"));
        return Map.of("deliveries", store.list(app.appId(), runId, wanted, limit).stream().map(DeliveryView::of).toList());
    }

    @GetMapping("/{id}")
    @Operation(summary = "One delivery with its payload and every attempt")
    public DeliveryView get(AuthenticatedApp app, @PathVariable String id) {
        var delivery = store.find(app.appId(), id).orElseThrow(() -> notFound(id));
        return DeliveryView.of(delivery, store.attempts(id));
    }

    @PostMapping("/{id}/retry")
    @Operation(summary = "Send a failed delivery again, with a fresh set of attempts",
            description = "Answers 202 with the delivery, now pending; 409 if it is not failed.")
    public ResponseEntity<DeliveryView> retry(AuthenticatedApp app, @PathVariable String id) {
        var delivery = store.find(app.appId(), id).orElseThrow(() -> notFound(id));
        if (!store.requeue(app.appId(), id, clock.instant(), properties.maxAttempts())) {
            throw ApiProblem.conflict("delivery-not-failed", "only a failed delivery can be retried; delivery " + id
                    + " is " + delivery.status().wire());
        }
        worker.wake();
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(DeliveryView.of(store.find(app.appId(), id).orElseThrow()));
    }

    private static ApiProblem notFound(String id) {
        return ApiProblem.notFound("delivery", "no webhook delivery " + id);
    }
}
