package dev.weft.store;

import dev.weft.engine.RunStatus;
import dev.weft.engine.StepStatus;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A run to insert, with its steps (id and type, all pending).
 *
 * @param scheduleId the schedule starting it, or null
 * @param lineage    the run and step starting it as a sub-workflow, or {@link Lineage#NONE}
 * @param admission  its priority and concurrency key
 */
public record NewRun(String id, String appId, String workflowSlug, Integer workflowVersion, String definition,
                     JsonNode input, String webhookUrl, String idempotencyKey, String requestHash,
                     Instant createdAt, Instant deadline, String scheduleId, Lineage lineage, Admission admission,
                     List<StepSeed> steps) {

    public record StepSeed(String stepId, String type) {}

    /** The run as {@link RunStore#insert} stores it: pending, every step pending. */
    public RunRecord asInserted() {
        List<StepRecord> seeded = steps.stream().map(s -> new StepRecord(s.stepId(), s.type(), StepStatus.PENDING, 0, 0,
                null, null, null, null, null, null, null, null, null, null)).toList();
        return new RunRecord(id, appId, workflowSlug, workflowVersion, definition, RunStatus.PENDING, input, null, null,
                webhookUrl, idempotencyKey, requestHash, createdAt, null, null, deadline, scheduleId, lineage, admission, seeded);
    }
}
