package dev.weft.steps.storage;

import dev.weft.steps.StepResult;

/** Carries a classified failure out of a helper; the handler returns {@link #result}. */
final class Failure extends RuntimeException {

    final StepResult result;

    private Failure(StepResult result, String message) {
        super(message, null, false, false);
        this.result = result;
    }

    static Failure permanent(String code, String message) {
        return new Failure(StepResult.permanent(code, message), message);
    }

    static Failure retryable(String code, String message) {
        return new Failure(StepResult.retryable(code, message), message);
    }
}
