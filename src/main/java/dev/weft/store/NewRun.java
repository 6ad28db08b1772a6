package dev.weft.store;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** A run to insert, with its steps (id and type, all pending). */
public record NewRun(String id, String appId, String workflowSlug, Integer workflowVersion, String definition,
                     JsonNode input, String webhookUrl, String idempotencyKey, String requestHash,
                     Instant createdAt, Instant deadline, List<StepSeed> steps) {

    public record StepSeed(String stepId, String type) {}
}
