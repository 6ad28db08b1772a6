package dev.weft.providers.usage;

import dev.weft.providers.ProviderException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * Checked before every AI provider call: once a run's spend reached its {@code budget.maxCostUsd}, or
 * the app's spend this calendar month (UTC) reached its monthly limit, the step fails permanently
 * with {@code BUDGET_EXCEEDED}. The check is before the call, so one step can overshoot by its own cost.
 */
public final class Budgets {

    public static final String BUDGET_EXCEEDED = "BUDGET_EXCEEDED";

    private final UsageLedger ledger;
    private final Clock clock;

    public Budgets(UsageLedger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    /** An app's monthly limit (null: none) and what it spent this calendar month (UTC). */
    public record AppMonth(YearMonth month, Double monthlyMaxCostUsd, double spentUsd) {}

    public AppMonth appMonth(String appId) {
        return new AppMonth(YearMonth.now(clock.withZone(ZoneOffset.UTC)), ledger.appMonthlyBudget(appId),
                ledger.appCostSince(appId, monthStart()));
    }

    private Instant monthStart() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC)).withDayOfMonth(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    public void check(String appId, String runId) {
        Double runLimit = ledger.runBudget(runId);
        if (runLimit != null) {
            double spent = ledger.runCost(runId);
            if (spent >= runLimit) {
                throw new ProviderException(false, BUDGET_EXCEEDED, String.format(java.util.Locale.ROOT,
                        "run budget exceeded: spent $%.4f of $%.4f", spent, runLimit));
            }
        }
        Double appLimit = ledger.appMonthlyBudget(appId);
        if (appLimit != null) {
            double spent = ledger.appCostSince(appId, monthStart());
            if (spent >= appLimit) {
                throw new ProviderException(false, BUDGET_EXCEEDED, String.format(java.util.Locale.ROOT,
                        "app monthly budget exceeded: spent $%.4f of $%.4f this month", spent, appLimit));
            }
        }
    }
}
