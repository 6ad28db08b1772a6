package dev.weft.definition.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The shape of a workflow definition, for the OpenAPI description only: the service reads the
 * document itself ({@link dev.weft.definition.DefinitionParser}) to report every error at once with
 * its step, field and pointer. docs/definitions.md is the full reference.
 */
@Schema(name = "WorkflowDefinition", description = "A workflow definition; see docs/definitions.md")
record WorkflowDocument(
        @Schema(description = "1-100 of a-z, 0-9 and '-'; required when saved", example = "caption-images") String slug,
        String description,
        @Schema(description = "JSON Schema of the run input; object properties it lists are what expressions may read")
        JsonNode inputSchema,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<Step> steps,
        @Schema(description = "template of the run's output, e.g. {\"image\": \"{{ steps.generate.output.image }}\"}")
        JsonNode output,
        @Schema(description = "ISO-8601 duration for the whole run", example = "PT10M") String timeout,
        Budget budget,
        Concurrency concurrency) {

    record Step(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "generate") String id,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "image_generate",
                    description = "a step type of GET /v1/step-types") String type,
            @Schema(description = "ids of steps this one waits for; absent: the step before it") List<String> dependsOn,
            @Schema(description = "the step type's input, strings may hold {{ expressions }}") JsonNode input,
            @Schema(description = "a CEL condition; false skips the step", example = "!steps.safety.output.flagged") String when,
            Retry retry,
            @Schema(example = "PT2M") String timeout,
            @Schema(description = "\"fail\" (default), \"continue\" or {\"fallback\": \"<step id>\"}") JsonNode onError,
            @Schema(description = "an expression giving the list to run the step on, one item each",
                    example = "{{ steps.generate.output.images }}") String forEach,
            @Schema(minimum = "1", example = "4") Integer maxConcurrency,
            @Schema(allowableValues = {"fail", "continue"}) String onItemError,
            @Schema(allowableValues = {"skip", "run"}) String ifSkipped) {}

    record Retry(@Schema(minimum = "1", maximum = "100", example = "3") Integer maxAttempts,
                 @Schema(example = "PT2S") String initialDelay, @Schema(example = "2.0") Double multiplier,
                 @Schema(example = "PT1M") String maxDelay, @Schema(example = "0.2") Double jitter) {}

    record Budget(@Schema(example = "0.50") Double maxCostUsd) {}

    record Concurrency(@Schema(example = "{{ input.userId }}") String key, @Schema(minimum = "1", example = "2") Integer limit) {}
}
