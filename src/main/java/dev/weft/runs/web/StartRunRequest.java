package dev.weft.runs.web;

import io.swagger.v3.oas.annotations.media.Schema;

import dev.weft.common.InvalidFieldException;

import dev.weft.common.FieldLimits;
import dev.weft.runs.RunRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /v1/workflows/run}. Unknown fields are refused and each field's type and
 * range is checked here; the definition and the input are validated by the run service, which
 * knows the workflow.
 *
 * @param appId          optional; when given it must be the API key's app
 * @param workflowSlug   a stored workflow; exactly one of this and {@code plan}
 * @param plan           an inline, unsaved definition
 * @param workflowVersion a version of {@code workflowSlug}; the latest when left out (the name the run view uses)
 * @param version        deprecated alias of {@code workflowVersion}
 * @param input          the run's input, a JSON object
 * @param webhookUrl     called when the run finishes
 * @param idempotencyKey the same key and body give the same run; the same key and another body a 409
 * @param budget         can only tighten the definition's budget
 * @param priority       0 to 9 (default 5), higher first when steps wait for execution slots
 */
public record StartRunRequest(
        String appId,
        String workflowSlug,
        JsonNode plan,
        @Positive(message = "must be a positive integer") Integer workflowVersion,
        @Schema(deprecated = true, description = "Deprecated: use workflowVersion (both given must be equal)")
        @Positive(message = "must be a positive integer") Integer version,
        JsonNode input,
        @Size(max = FieldLimits.URL, message = "must be at most " + FieldLimits.URL + " characters") String webhookUrl,
        @Size(min = 1, max = FieldLimits.IDEMPOTENCY_KEY, message = "must be 1 to " + FieldLimits.IDEMPOTENCY_KEY
                + " characters") String idempotencyKey,
        @Valid Budget budget,
        @Min(value = 0, message = "must be an integer from 0 to 9") @Max(value = 9, message = "must be an integer from 0 to 9")
        Integer priority) {

    /** @param maxCostUsd US dollars this run may spend on AI calls */
    public record Budget(
            @NotNull(message = "required, a number >= 0 (US dollars)")
            @DecimalMin(value = "0", message = "must be from 0 to 1000000000 (US dollars)")
            @DecimalMax(value = "1000000000", message = "must be from 0 to 1000000000 (US dollars)") Double maxCostUsd) {}

    /**
     * @param idempotencyKeyHeader the {@code Idempotency-Key} header, or null
     * @throws InvalidFieldException when a name and its alias, or the header and the body, disagree
     */
    RunRequest toRunRequest(String idempotencyKeyHeader) {
        Integer named = RunRequest.workflowVersion(workflowVersion, version);
        if (idempotencyKeyHeader != null && idempotencyKey != null && !idempotencyKeyHeader.equals(idempotencyKey)) {
            throw new InvalidFieldException("idempotencyKey", "the Idempotency-Key header and the body's idempotencyKey "
                    + "differ; send one of them, or the same key in both");
        }
        String key = idempotencyKey != null ? idempotencyKey : idempotencyKeyHeader;
        if (key != null && (key.isEmpty() || key.length() > FieldLimits.IDEMPOTENCY_KEY)) {
            throw new InvalidFieldException("Idempotency-Key", "must be 1 to " + FieldLimits.IDEMPOTENCY_KEY + " characters");
        }
        return new RunRequest(appId, workflowSlug, plan, named, input,
                webhookUrl, key, budget == null ? null : budget.maxCostUsd(), null, priority);
    }
}
