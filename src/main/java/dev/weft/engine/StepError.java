package dev.weft.engine;

/**
 * Why a step (or run) failed: a machine-readable {@code code}, a human {@code message} that names
 * the step, and whether another attempt could succeed.
 */
public record StepError(String code, String message, boolean retryable) {

    public static StepError permanent(String code, String message) {
        return new StepError(code, message, false);
    }

    public static StepError retryable(String code, String message) {
        return new StepError(code, message, true);
    }
}
