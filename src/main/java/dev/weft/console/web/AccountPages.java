package dev.weft.console.web;

import dev.weft.artifacts.web.ArtifactController;
import dev.weft.auth.AuthenticatedApp;
import dev.weft.common.Json;
import dev.weft.providers.usage.web.UsageController;
import dev.weft.schedules.web.ScheduleController;
import dev.weft.webhook.web.DeliveryController;
import dev.weft.webhook.web.WebhookController;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/** Schedules, webhooks, usage, and artifact bytes for the run page's thumbnails. */
@Controller
@RequestMapping("/console")
class AccountPages {

    private final ScheduleController schedules;
    private final DeliveryController deliveries;
    private final WebhookController webhooks;
    private final UsageController usage;
    private final ArtifactController artifacts;

    AccountPages(ScheduleController schedules, DeliveryController deliveries, WebhookController webhooks,
                 UsageController usage, ArtifactController artifacts) {
        this.schedules = schedules;
        this.deliveries = deliveries;
        this.webhooks = webhooks;
        this.usage = usage;
        this.artifacts = artifacts;
    }

    @GetMapping("/schedules")
    String schedules(HttpServletRequest request, Model model) {
        AuthenticatedApp app = ConsoleAdvice.app(request, "GET", "/v1/schedules");
        model.addAttribute("schedules", schedules.list(app).get("schedules"));
        model.addAttribute("json", new ConsoleViews());
        model.addAttribute("nav", "schedules");
        return "console/schedules";
    }

    @PostMapping("/schedules/{id}/enabled")
    String enable(HttpServletRequest request, Model model, @PathVariable String id, @RequestParam boolean enabled) {
        AuthenticatedApp app = ConsoleAdvice.app(request, "PATCH", "/v1/schedules/" + id);
        var changes = Json.object();
        changes.put("enabled", enabled);
        schedules.update(app, id, changes);
        model.addAttribute("schedule", schedules.get(app, id));
        model.addAttribute("json", new ConsoleViews());
        return "console/schedules :: row";
    }

    @PostMapping("/schedules/{id}/trigger")
    String trigger(HttpServletRequest request, Model model, @PathVariable String id) {
        AuthenticatedApp app = ConsoleAdvice.app(request, "POST", "/v1/schedules/" + id + "/trigger");
        var triggered = schedules.trigger(app, id).getBody();
        model.addAttribute("message", "Started run " + triggered.runId() + ".");
        model.addAttribute("startedRunId", triggered.runId());
        return "console/fragments :: done";
    }

    @GetMapping("/webhooks")
    String webhooks(HttpServletRequest request, Model model, @RequestParam(required = false) String status) {
        AuthenticatedApp app = ConsoleAdvice.app(request, "GET", "/v1/webhooks/deliveries");
        model.addAttribute("deliveries", deliveries.list(app, null, RunPages.blank(status), 100).get("deliveries"));
        model.addAttribute("subscriptions", webhooks.subscriptions(app).get("subscriptions"));
        model.addAttribute("status", RunPages.blank(status));
        model.addAttribute("json", new ConsoleViews());
        model.addAttribute("nav", "webhooks");
        return "console/webhooks";
    }

    @PostMapping("/webhooks/deliveries/{id}/redeliver")
    String redeliver(HttpServletRequest request, Model model, @PathVariable String id) {
        AuthenticatedApp app = ConsoleAdvice.app(request, "POST", "/v1/webhooks/deliveries/" + id + "/retry");
        deliveries.retry(app, id);
        model.addAttribute("delivery", deliveries.get(app, id));
        model.addAttribute("json", new ConsoleViews());
        return "console/webhooks :: delivery";
    }

    @GetMapping("/usage")
    String usage(HttpServletRequest request, Model model, @RequestParam(defaultValue = "30") int days) {
        AuthenticatedApp app = ConsoleAdvice.app(request, "GET", "/v1/usage");
        UsageController.UsageView view = usage.usage(app, days);
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("days", view.days().stream().map(d -> d.day().toString()).toList());
        chart.put("inputTokens", view.days().stream().map(UsageController.Totals::inputTokens).toList());
        chart.put("outputTokens", view.days().stream().map(UsageController.Totals::outputTokens).toList());
        chart.put("costUsd", view.days().stream().map(UsageController.Totals::costUsd).toList());
        chart.put("workflows", view.workflows().stream().map(w -> w.workflowSlug() == null ? "(inline plans)"
                : w.workflowSlug()).toList());
        chart.put("workflowCostUsd", view.workflows().stream().map(UsageController.Totals::costUsd).toList());
        chart.put("workflowTokens", view.workflows().stream().map(w -> w.inputTokens() + w.outputTokens()).toList());
        model.addAttribute("usage", view);
        model.addAttribute("chart", Json.write(chart));
        model.addAttribute("days", days);
        model.addAttribute("totalCost", Math.round(view.days().stream().mapToDouble(UsageController.Totals::costUsd).sum()
                * 1_000_000) / 1_000_000.0);
        model.addAttribute("totalTokens", view.days().stream().mapToLong(d -> d.inputTokens() + d.outputTokens()).sum());
        model.addAttribute("json", new ConsoleViews());
        model.addAttribute("nav", "usage");
        return "console/usage";
    }

    /** An artifact's bytes for the signed-in app (images show as thumbnails on the run page). */
    @GetMapping("/artifacts/{artifactId}")
    @ResponseBody
    ResponseEntity<InputStreamResource> artifact(HttpServletRequest request, @PathVariable String artifactId,
                                                 @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false)
                                                 String ifNoneMatch) {
        AuthenticatedApp app = ConsoleAdvice.app(request, "GET", "/v1/artifacts/" + artifactId + "/content");
        return artifacts.content(app, artifactId, ifNoneMatch);
    }
}
