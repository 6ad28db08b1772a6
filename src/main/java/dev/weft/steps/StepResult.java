package dev.weft.steps;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** What one execution of a step produced, classified at the step boundary. */
public sealed interface StepResult {

    record Succeeded(JsonNode output) implements StepResult {}

    /** Another attempt may succeed (time-out, rate limit, 5xx); {@code retryAfterMillis} may be null. */
    record RetryableFailure(String code, String message, Long retryAfterMillis) implements StepResult {}

    /** Another attempt would fail the same way (bad input, 4xx, content refused). */
    record PermanentFailure(String code, String message) implements StepResult {}

    /** Not done yet and nothing to retry: run this step again at {@code until} (used by {@code delay}). */
    record Deferred(Instant until) implements StepResult {}

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
