package dev.weft.runs;

import tools.jackson.databind.JsonNode;

/**
 * A request to start a run, as {@code POST /v1/workflows/run} takes it. Exactly one of
 * {@code workflowSlug} and {@code plan} is set.
 */
public record RunRequest(String appId, String workflowSlug, JsonNode plan, Integer version, JsonNode input,
                         String webhookUrl, String idempotencyKey) {}
