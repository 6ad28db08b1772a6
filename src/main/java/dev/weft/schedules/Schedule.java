package dev.weft.schedules;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * A stored schedule.
 *
 * @param version    a fixed version of the workflow, or null for its latest at each fire time
 * @param nextFireAt the next fire time, or null while disabled
 * @param lastRunId  the run its last fire time started, or null
 * @param lastError  why its last fire time started no run (the workflow was deleted, its input no
 *                   longer fits), or null
 */
public record Schedule(String id, String appId, String workflowSlug, Integer version, JsonNode input, String cron,
                       String timezone, Overlap overlap, boolean enabled, Instant nextFireAt, Instant lastFireAt,
                       String lastRunId, String lastError, Instant createdAt, Instant updatedAt) {}
