package dev.weft.steps;

import dev.weft.common.Failures;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** What one execution of a step produced, classified at the step boundary. */
public sealed interface StepResult {

    record Succeeded(JsonNode output) implements StepResult {}

    /**
     * Another attempt may succeed (time-out, rate limit, 5xx); {@code retryAfterMillis} may be null.
     * The message is what users read: Java type names that an exception's text carried into it are
     * taken out here, where every step failure passes.
     */
    record RetryableFailure(String code, String message, Long retryAfterMillis) implements StepResult {
        public RetryableFailure {
            message = Failures.withoutTypeNames(message);
        }
    }

    /** Another attempt would fail the same way (bad input, 4xx, content refused); the message as above. */
    record PermanentFailure(String code, String message) implements StepResult {
        public PermanentFailure {
            message = Failures.withoutTypeNames(message);
        }
    }

    /** Not done yet and nothing to retry: run this step again at {@code until} (used by {@code delay}). */
    record Deferred(Instant until) implements StepResult {}

    /**
     * The step started the run {@code runId} (used by {@code workflow}) and ends with it: the engine
     * keeps the step waiting, with no worker, until that run finishes.
     */
    record AwaitRun(String runId) implements StepResult {}

    static StepResult ok(JsonNode output) {
        return new Succeeded(output);
    }

    static StepResult retryable(String code, String message) {
        return new RetryableFailure(code, message, null);
    }

    static StepResult permanent(String code, String message) {
        return new PermanentFailure(code, message);
    }
}
