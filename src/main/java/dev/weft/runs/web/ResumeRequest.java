package dev.weft.runs.web;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The optional body of {@code POST /v1/workflows/runs/{runId}/resume}: what to fix before the run
 * goes on. Unknown fields are refused.
 *
 * @param input a JSON merge patch of the run's input
 * @param steps a replacement input per step id, for steps that will run again
 * @param from  run this step and every step after it again, even when they succeeded
 */
@Schema(example = "{\"input\": {\"prompt\": \"a red bicycle, watercolour\"}, \"steps\": {\"notify\": {\"input\": "
        + "{\"url\": \"https://hooks.example.com/weft\", \"event\": \"image.ready\"}}}}")
public record ResumeRequest(
        @Schema(description = "A JSON merge patch (RFC 7396) of the run's input: fields replace, null removes")
        JsonNode input,
        @Size(max = 100, message = "at most 100 steps") Map<String, @Valid StepFix> steps,
        @Size(min = 1, max = 64, message = "must be a step id") String from) {

    /** @param input the step's whole input, used instead of rendering its template */
    public record StepFix(JsonNode input) {}
}
