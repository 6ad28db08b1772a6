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

    /** What one workflow's AI steps spent on one day (UTC); {@code workflowSlug} is null for inline plans. */
    record DailyUsage(java.time.LocalDate day, String workflowSlug, long inputTokens, long outputTokens, int images,
                      double costUsd) {}

    /** The estimated cost of each of these runs that spent anything (one statement). */
    java.util.Map<String, Double> costOfRuns(java.util.Collection<String> runIds);

    /** The app's spending per day and workflow from {@code since} on, oldest day first. */
    java.util.List<DailyUsage> daily(String appId, Instant since);

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

        @Override
        public java.util.Map<String, Double> costOfRuns(java.util.Collection<String> runIds) {
            return java.util.Map.of();
        }

        @Override
        public java.util.List<DailyUsage> daily(String appId, Instant since) {
            return java.util.List.of();
        }
    };
}
