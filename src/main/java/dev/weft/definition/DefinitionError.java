package dev.weft.definition;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One thing wrong with a definition.
 *
 * @param step       the step id (or its index as {@code #3} when the id itself is bad), null for
 *                   workflow-level fields
 * @param field      the field within the step or workflow, e.g. {@code retry.maxAttempts}
 * @param pointer    JSON pointer into the submitted document, e.g. {@code /steps/2/retry/maxAttempts}
 * @param code       machine-readable, e.g. {@code UNKNOWN_STEP_TYPE}
 * @param suggestion what was probably meant ("did you mean"), e.g. {@code steps.write.output.text}; absent when nothing is close
 */
public record DefinitionError(String step, String field, String pointer, String code, String message,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String suggestion) {

    public DefinitionError(String step, String field, String pointer, String code, String message) {
        this(step, field, pointer, code, message, null);
    }
}
