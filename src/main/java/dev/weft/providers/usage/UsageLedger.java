package dev.weft.providers.usage;

import java.time.Instant;

/** What each AI step spent, so budgets can be checked across steps and runs. */
public interface UsageLedger {

    record Entry(String appId, String runId, String stepId, String provider, String model, long inputTokens,
                 long outputTokens, int images, double costUsd) {}

    /** Records the step's usage; a retried step replaces its earlier entry. */
    void record(Entry entry);

    double runCost(String runId);

    double appCostSince(String appId, Instant since);

    /** The per-run limit from the run's definition ({@code budget.maxCostUsd}), or null. */
    Double runBudget(String runId);

    /** The app's monthly limit, or null. */
    Double appMonthlyBudget(String appId);

    void setAppMonthlyBudget(String appId, Double maxCostUsd);

    /** For tests and for running steps outside the engine: records nothing, no budgets. */
    UsageLedger NONE = new UsageLedger() {
        @Override
        public void record(Entry entry) {}

        @Override
        public double runCost(String runId) {
            return 0;
        }

        @Override
        public double appCostSince(String appId, Instant since) {
            return 0;
        }

        @Override
        public Double runBudget(String runId) {
            return null;
        }

        @Override
        public Double appMonthlyBudget(String appId) {
            return null;
        }

        @Override
        public void setAppMonthlyBudget(String appId, Double maxCostUsd) {}
    };
}
