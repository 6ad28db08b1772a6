package dev.weft.providers.usage;

import dev.weft.common.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@link UsageLedger} on {@code provider_usage} and {@code app_budgets}; the run budget is read from {@code runs.definition}. */
public class JdbcUsageLedger implements UsageLedger {

    private final JdbcClient jdbc;
    private final Clock clock;

    public JdbcUsageLedger(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void record(Entry e) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        int updated = jdbc.sql("""
                UPDATE provider_usage SET app_id = ?, provider = ?, model = ?, input_tokens = ?, output_tokens = ?,
                images = ?, cost_usd = ?, recorded_at = ? WHERE run_id = ? AND step_id = ?""")
                .params(e.appId(), e.provider(), e.model(), e.inputTokens(), e.outputTokens(), e.images(), e.costUsd(),
                        now, e.runId(), e.stepId()).update();
        if (updated == 0) {
            try {
                jdbc.sql("""
                        INSERT INTO provider_usage (run_id, step_id, app_id, provider, model, input_tokens, output_tokens,
                        images, cost_usd, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(e.runId(), e.stepId(), e.appId(), e.provider(), e.model(), e.inputTokens(),
                                e.outputTokens(), e.images(), e.costUsd(), now).update();
            } catch (DuplicateKeyException raced) {
                record(e);
            }
        }
    }

    @Override
    public double runCost(String runId) {
        return jdbc.sql("SELECT COALESCE(SUM(cost_usd), 0) FROM provider_usage WHERE run_id = ?").param(runId)
                .query(Double.class).single();
    }

    @Override
    public double appCostSince(String appId, Instant since) {
        return jdbc.sql("SELECT COALESCE(SUM(cost_usd), 0) FROM provider_usage WHERE app_id = ? AND recorded_at >= ?")
                .params(appId, since.atOffset(ZoneOffset.UTC)).query(Double.class).single();
    }

    @Override
    public Double runBudget(String runId) {
        return jdbc.sql("SELECT definition FROM runs WHERE id = ?").param(runId).query(String.class).optional()
                .map(Json::parse).map(d -> d.path("budget").path("maxCostUsd"))
                .filter(n -> n.isNumber()).map(n -> n.asDouble()).orElse(null);
    }

    @Override
    public Double appMonthlyBudget(String appId) {
        return jdbc.sql("SELECT max_cost_usd_per_month FROM app_budgets WHERE app_id = ?").param(appId)
                .query(Double.class).optional().orElse(null);
    }

    @Override
    public void setAppMonthlyBudget(String appId, Double maxCostUsd) {
        jdbc.sql("DELETE FROM app_budgets WHERE app_id = ?").param(appId).update();
        if (maxCostUsd != null) {
            jdbc.sql("INSERT INTO app_budgets (app_id, max_cost_usd_per_month, updated_at) VALUES (?, ?, ?)")
                    .params(appId, maxCostUsd, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC)).update();
        }
    }

    @Override
    public java.util.Map<String, Double> costOfRuns(java.util.Collection<String> runIds) {
        if (runIds.isEmpty()) {
            return java.util.Map.of();
        }
        java.util.Map<String, Double> costs = new java.util.HashMap<>();
        jdbc.sql("SELECT run_id, SUM(cost_usd) AS cost FROM provider_usage WHERE run_id IN ("
                        + String.join(", ", java.util.Collections.nCopies(runIds.size(), "?")) + ") GROUP BY run_id")
                .params(java.util.List.copyOf(runIds))
                .query((rs, i) -> costs.put(rs.getString("run_id"), rs.getDouble("cost"))).list();
        return costs;
    }

    @Override
    public java.util.List<DailyUsage> daily(String appId, Instant since) {
        return jdbc.sql("""
                SELECT CAST(u.recorded_at AS DATE) AS usage_day, r.workflow_slug, SUM(u.input_tokens) AS input_tokens,
                       SUM(u.output_tokens) AS output_tokens, SUM(u.images) AS images, SUM(u.cost_usd) AS cost_usd
                FROM provider_usage u LEFT JOIN runs r ON r.id = u.run_id
                WHERE u.app_id = ? AND u.recorded_at >= ?
                GROUP BY CAST(u.recorded_at AS DATE), r.workflow_slug
                ORDER BY 1, 2""")
                .params(appId, since.atOffset(ZoneOffset.UTC))
                .query((rs, i) -> new DailyUsage(rs.getObject("usage_day", java.time.LocalDate.class),
                        rs.getString("workflow_slug"), rs.getLong("input_tokens"), rs.getLong("output_tokens"),
                        rs.getInt("images"), Math.round(rs.getDouble("cost_usd") * 1_000_000) / 1_000_000.0))
                .list();
    }
}
