package dev.weft.store;

import dev.weft.engine.RunStatus;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A run as stored, for the API and the engine. {@code steps} is empty in list views.
 *
 * @param scheduleId the schedule that started it, or null
 * @param lineage    the run and step that started it as a sub-workflow, if one did
 * @param admission  its priority and concurrency key, and why it waits when it does
 */
public record RunRecord(String id, String appId, String workflowSlug, Integer workflowVersion, String definition,
                        RunStatus status, JsonNode input, JsonNode output, JsonNode error, String webhookUrl,
                        String idempotencyKey, String requestHash, Instant createdAt, Instant startedAt,
                        Instant finishedAt, Instant deadline, String scheduleId, Lineage lineage,
                        Admission admission, List<StepRecord> steps) {

    public RunRecord withStatus(RunStatus newStatus) {
        return new RunRecord(id, appId, workflowSlug, workflowVersion, definition, newStatus, input, output, error,
                webhookUrl, idempotencyKey, requestHash, createdAt, startedAt, finishedAt, deadline, scheduleId, lineage, admission, steps);
    }

    public RunRecord withSteps(List<StepRecord> newSteps) {
        return new RunRecord(id, appId, workflowSlug, workflowVersion, definition, status, input, output, error,
                webhookUrl, idempotencyKey, requestHash, createdAt, startedAt, finishedAt, deadline, scheduleId, lineage, admission, newSteps);
    }
}
