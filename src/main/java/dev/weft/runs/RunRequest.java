package dev.weft.runs;

import tools.jackson.databind.JsonNode;

/**
 * A request to start a run, as {@code POST /v1/workflows/run} takes it. Exactly one of
 * {@code workflowSlug} and {@code plan} is set.
 *
 * @param maxCostUsd the request's {@code budget.maxCostUsd}, or null; it can only tighten the definition's
 * @param scheduleId the schedule starting the run, or null (not a field of the API's request)
 * @param priority   0 to 9, higher first when steps wait for execution slots; null for the default (5)
 */
public record RunRequest(String appId, String workflowSlug, JsonNode plan, Integer version, JsonNode input,
                         String webhookUrl, String idempotencyKey, Double maxCostUsd, String scheduleId,
                         Integer priority) {

    public RunRequest(String appId, String workflowSlug, JsonNode plan, Integer version, JsonNode input,
                      String webhookUrl, String idempotencyKey, Double maxCostUsd, String scheduleId) {
        this(appId, workflowSlug, plan, version, input, webhookUrl, idempotencyKey, maxCostUsd, scheduleId, null);
    }

    public RunRequest(String appId, String workflowSlug, JsonNode plan, Integer version, JsonNode input,
                      String webhookUrl, String idempotencyKey) {
        this(appId, workflowSlug, plan, version, input, webhookUrl, idempotencyKey, null, null);
    }

    public RunRequest(String appId, String workflowSlug, JsonNode plan, Integer version, JsonNode input,
                      String webhookUrl, String idempotencyKey, Double maxCostUsd) {
        this(appId, workflowSlug, plan, version, input, webhookUrl, idempotencyKey, maxCostUsd, null);
    }

    /**
     * The version a request names: {@code workflowVersion}, or its deprecated alias {@code version}
     * (run requests and schedules alike).
     *
     * @throws dev.weft.common.InvalidFieldException when both are given and differ
     */
    public static Integer workflowVersion(Integer workflowVersion, Integer version) {
        if (workflowVersion != null && version != null && !workflowVersion.equals(version)) {
            throw new dev.weft.common.InvalidFieldException("workflowVersion", "workflowVersion " + workflowVersion
                    + " and its deprecated alias version " + version + " disagree; send workflowVersion only");
        }
        return workflowVersion != null ? workflowVersion : version;
    }
}
