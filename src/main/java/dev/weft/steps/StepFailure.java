package dev.weft.steps;

import dev.weft.providers.ProviderException;

/**
 * A classified failure raised inside a step's helpers and turned into its {@link StepResult} at the
 * step boundary. The message already names the step.
 */
public final class StepFailure extends RuntimeException {

    private final StepResult result;

    private StepFailure(StepResult result, String message) {
        super(message, null, false, false);
        this.result = result;
    }

    public static StepFailure permanent(StepContext context, String code, String message) {
        String text = prefix(context) + message;
        return new StepFailure(StepResult.permanent(code, text), text);
    }

    public static StepFailure retryable(StepContext context, String code, String message, Long retryAfterMillis) {
        String text = prefix(context) + message;
        return new StepFailure(new StepResult.RetryableFailure(code, text, retryAfterMillis), text);
    }

    /** For helpers that already put the step's name in {@code message}. */
    public static StepFailure permanent(String code, String message) {
        return new StepFailure(StepResult.permanent(code, message), message);
    }

    public static StepFailure retryable(String code, String message) {
        return new StepFailure(StepResult.retryable(code, message), message);
    }

    /** A provider's own classification, kept, with the step named. */
    public static StepResult of(StepContext context, ProviderException e) {
        String text = prefix(context) + e.getMessage();
        return e.retryable() ? new StepResult.RetryableFailure(e.code(), text, e.retryAfterMillis())
                : StepResult.permanent(e.code(), text);
    }

    public StepResult result() {
        return result;
    }

    public static String prefix(StepContext context) {
        return "step '" + context.stepId() + "': ";
    }
}
