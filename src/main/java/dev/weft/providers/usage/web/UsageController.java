package dev.weft.providers.usage.web;

import dev.weft.api.ApiProblem;
import dev.weft.auth.AuthenticatedApp;
import dev.weft.providers.usage.UsageLedger;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What the app's AI steps spent, per day and per workflow, from the usage ledger. */
@RestController
@RequestMapping("/v1/usage")
public class UsageController {

    /** Totals of one day or one workflow; {@code workflowSlug} is null for runs of inline plans. */
    public record Totals(LocalDate day, String workflowSlug, long inputTokens, long outputTokens, int images,
                         double costUsd) {

        Totals plus(UsageLedger.DailyUsage u) {
            return new Totals(day, workflowSlug, inputTokens + u.inputTokens(), outputTokens + u.outputTokens(),
                    images + u.images(), Math.round((costUsd + u.costUsd()) * 1_000_000) / 1_000_000.0);
        }
    }

    /**
     * Every day of the period (days without spending included, as zeros), each workflow's totals,
     * and what steps reusing cached results did not spend.
     */
    public record UsageView(LocalDate from, LocalDate to, List<Totals> days, List<Totals> workflows, double cacheSavedUsd) {}

    private final UsageLedger ledger;
    private final Clock clock;
    private final dev.weft.cache.StepResultCache cache;

    public UsageController(UsageLedger ledger, Clock clock, dev.weft.cache.StepResultCache cache) {
        this.ledger = ledger;
        this.clock = clock;
        this.cache = cache;
    }

    @GetMapping
    @Operation(summary = "Tokens, images and estimated cost per day (UTC) and per workflow over the last days")
    public UsageView usage(AuthenticatedApp app, @RequestParam(defaultValue = "30") int days) {
        if (days < 1 || days > 366) {
            throw ApiProblem.invalidField("days", "must be from 1 to 366");
        }
        return summary(app.appId(), days);
    }

    /** The summary for the last {@code days} days, today included. */
    private UsageView summary(String appId, int days) {
        LocalDate to = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate from = to.minusDays(days - 1L);
        Map<LocalDate, Totals> perDay = new TreeMap<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            perDay.put(d, new Totals(d, null, 0, 0, 0, 0));
        }
        Map<String, Totals> perWorkflow = new TreeMap<>();
        for (UsageLedger.DailyUsage u : ledger.daily(appId, from.atStartOfDay(ZoneOffset.UTC).toInstant())) {
            perDay.computeIfPresent(u.day(), (d, t) -> t.plus(u));
            String key = u.workflowSlug() == null ? "" : u.workflowSlug();
            perWorkflow.computeIfAbsent(key, k -> new Totals(null, u.workflowSlug(), 0, 0, 0, 0));
            perWorkflow.computeIfPresent(key, (k, t) -> t.plus(u));
        }
        double saved = Math.round(cache.savedSince(appId, from.atStartOfDay(ZoneOffset.UTC).toInstant()) * 1_000_000) / 1_000_000.0;
        return new UsageView(from, to, List.copyOf(perDay.values()), List.copyOf(perWorkflow.values()), saved);
    }
}
