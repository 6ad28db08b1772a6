package dev.weft.webhook.web;

import dev.weft.api.ApiProblem;
import dev.weft.auth.AuthenticatedApp;
import dev.weft.outbound.OutboundPolicy;
import dev.weft.webhook.Subscriptions;
import dev.weft.webhook.WebhookSecrets;
import dev.weft.webhook.web.Views.SubscriptionView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The app's webhook signing secret and its subscriptions. */
@RestController
@RequestMapping("/v1/webhooks")
@Tag(name = "Webhooks")
public class WebhookController {

    private final WebhookSecrets secrets;
    private final Subscriptions subscriptions;
    private final OutboundPolicy policy;

    public WebhookController(WebhookSecrets secrets, Subscriptions subscriptions, OutboundPolicy policy) {
        this.secrets = secrets;
        this.subscriptions = subscriptions;
        this.policy = policy;
    }

    @GetMapping("/secret")
    @Operation(summary = "The secret deliveries are signed with (Standard Webhooks, whsec_...); created on first use")
    public WebhookSecrets.Secret secret(AuthenticatedApp app) {
        return secrets.current(app.appId());
    }

    @PostMapping("/secret/rotate")
    @Operation(summary = "Replace the signing secret",
            description = "The previous secret keeps signing for weft.webhooks.rotation-grace (24h by default): "
                    + "deliveries carry both signatures in webhook-signature until previousValidUntil.")
    public WebhookSecrets.Secret rotate(AuthenticatedApp app) {
        return secrets.rotate(app.appId());
    }

    @PostMapping("/subscriptions")
    @Operation(summary = "Subscribe a URL to run events",
            description = "events defaults to all of run.completed, run.failed, run.cancelled.")
    public ResponseEntity<SubscriptionView> subscribe(AuthenticatedApp app, @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json",
                            schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = SubscriptionBody.class)))
            @RequestBody JsonNode body) {
        SubscriptionRequest request = SubscriptionRequest.parse(body, policy);
        var created = subscriptions.create(app.appId(), request.url(), request.events(), request.description());
        return ResponseEntity.status(HttpStatus.CREATED).body(SubscriptionView.of(created));
    }

    @GetMapping("/subscriptions")
    public Map<String, List<SubscriptionView>> subscriptions(AuthenticatedApp app) {
        return Map.of("subscriptions", subscriptions.list(app.appId()).stream().map(SubscriptionView::of).toList());
    }

    @DeleteMapping("/subscriptions/{id}")
    @Operation(summary = "Delete a subscription; its pending deliveries are given up")
    public ResponseEntity<Void> unsubscribe(AuthenticatedApp app, @PathVariable String id) {
        if (!subscriptions.delete(app.appId(), id)) {
            throw ApiProblem.notFound("subscription", "no webhook subscription " + id);
        }
        return ResponseEntity.noContent().build();
    }

    /** The body of a subscription, for the OpenAPI description (read by {@link SubscriptionRequest}). */
    @io.swagger.v3.oas.annotations.media.Schema(name = "Subscription")
    record SubscriptionBody(
            @io.swagger.v3.oas.annotations.media.Schema(requiredMode = io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED,
                    example = "https://hooks.example.com/weft") String url,
            @io.swagger.v3.oas.annotations.media.Schema(description = "run.completed, run.failed, run.cancelled; all when absent")
            List<String> events,
            String description) {}
}
