package dev.weft.providers.usage.web;

import dev.weft.api.ApiProblem;
import dev.weft.auth.AuthenticatedApp;
import dev.weft.common.FieldLimits;
import dev.weft.common.InvalidFieldException;
import dev.weft.common.JsonNumbers;
import dev.weft.providers.usage.Budgets;
import dev.weft.providers.usage.UsageLedger;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The app's monthly budget for AI providers. The month is the UTC calendar month; spend is the sum of the
 * estimated costs of its AI steps (see docs/providers.md). Once the spend reaches the limit, AI steps fail
 * with {@code BUDGET_EXCEEDED} until the month ends or the limit is raised.
 */
@RestController
@RequestMapping("/v1/budget")
@Tag(name = "Providers")
public class BudgetController {

    /** {@code monthlyMaxCostUsd} and {@code remainingUsd} are null when the app has no limit. */
    public record BudgetView(Double monthlyMaxCostUsd, String month, double spentThisMonthUsd, Double remainingUsd) {}

    private final UsageLedger ledger;
    private final Budgets budgets;

    public BudgetController(UsageLedger ledger, Budgets budgets) {
        this.ledger = ledger;
        this.budgets = budgets;
    }

    @GetMapping
    @Operation(summary = "The app's monthly limit and its estimated AI spend this month (UTC)")
    public BudgetView get(AuthenticatedApp app) {
        Budgets.AppMonth m = budgets.appMonth(app.appId());
        double spent = Math.round(m.spentUsd() * 1_000_000) / 1_000_000.0;
        Double remaining = m.monthlyMaxCostUsd() == null ? null
                : Math.max(0, Math.round((m.monthlyMaxCostUsd() - m.spentUsd()) * 1_000_000) / 1_000_000.0);
        return new BudgetView(m.monthlyMaxCostUsd(), m.month().toString(), spent, remaining);
    }

    @PutMapping
    @Operation(summary = "Set the monthly limit: {\"monthlyMaxCostUsd\": 25.0}; null removes it")
    public BudgetView put(AuthenticatedApp app, @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json",
                            schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = BudgetBody.class)))
            @RequestBody JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiProblem.invalidField("body", "must be a JSON object");
        }
        for (String name : body.propertyNames()) {
            if (!name.equals("monthlyMaxCostUsd")) {
                throw ApiProblem.invalidField(name, "unknown field; allowed: monthlyMaxCostUsd");
            }
        }
        JsonNode limit = body.get("monthlyMaxCostUsd");
        if (limit == null) {
            throw ApiProblem.invalidField("monthlyMaxCostUsd", "required: a number >= 0, or null to remove the limit");
        }
        if (!limit.isNull() && !limit.isNumber()) {
            throw ApiProblem.invalidField("monthlyMaxCostUsd", "must be a number >= 0, or null to remove the limit");
        }
        Double max = limit.isNull() ? null : JsonNumbers.doubleIn(limit, 0, FieldLimits.MAX_USD)
                .orElseThrow(() -> new InvalidFieldException("monthlyMaxCostUsd",
                        "must be from 0 to " + (long) FieldLimits.MAX_USD + " (US dollars), or null to remove the limit"));
        ledger.setAppMonthlyBudget(app.appId(), max);
        return get(app);
    }

    /** The body of a PUT, for the OpenAPI description. */
    record BudgetBody(@io.swagger.v3.oas.annotations.media.Schema(example = "25.0",
            description = "US dollars per calendar month (UTC); null removes the limit") Double monthlyMaxCostUsd) {}
}
