package dev.weft.steps;

import tools.jackson.databind.JsonNode;

/**
 * One step type. Implementations are stateless and thread-safe; they classify their own failures
 * ({@link StepResult}) and may throw only for bugs, which the worker reports as permanent failures.
 */
public interface StepHandler {

    /** The {@code type} in a definition, e.g. {@code image_generate}. */
    String type();

    String description();

    /** JSON Schema of the input after expressions are evaluated. */
    JsonNode inputSchema();

    /** JSON Schema of the output. */
    JsonNode outputSchema();

    StepResult execute(StepContext context) throws InterruptedException;

    /**
     * What besides its input decides this step's result, for the step result cache: an AI step
     * answers the providers and models it would call (resolved through the app's defaults), so a
     * changed default never reuses another model's answer. Null: the input alone.
     */
    default tools.jackson.databind.JsonNode cacheIdentity(StepContext context) {
        return null;
    }
}
