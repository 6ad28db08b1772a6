package dev.weft.definition;

import java.time.Duration;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One step of a definition.
 *
 * @param dependsOn resolved dependencies (never null; empty for a root step)
 * @param input     the input template, with {@code {{ expr }}} parts evaluated at dispatch
 * @param when      a CEL condition, or null to always run
 * @param timeout   limit for one attempt, or null for the server default
 * @param forEach   a fan-out: the expression giving the list whose items the step runs on, or null
 * @param maxConcurrency items of the fan-out running at once
 * @param onItemError what a failed item does: fail the step, or continue with a null entry
 */
public record StepDefinition(String id, String type, List<String> dependsOn, JsonNode input,
                             String when, RetryPolicy retry, Duration timeout, OnError onError,
                             String forEach, int maxConcurrency, OnItemError onItemError) {

    /** What a fan-out item that failed for good does to its step. */
    public enum OnItemError { FAIL, CONTINUE }

    /** Items of a fan-out that run at once when the step does not say. */
    public static final int DEFAULT_MAX_CONCURRENCY = 10;

    public StepDefinition {
        dependsOn = List.copyOf(dependsOn);
    }

    public StepDefinition(String id, String type, List<String> dependsOn, JsonNode input, String when,
                          RetryPolicy retry, Duration timeout, OnError onError) {
        this(id, type, dependsOn, input, when, retry, timeout, onError, null, DEFAULT_MAX_CONCURRENCY, OnItemError.FAIL);
    }

    /** The same step with other dependencies. */
    public StepDefinition withDependsOn(List<String> deps) {
        return new StepDefinition(id, type, deps, input, when, retry, timeout, onError, forEach, maxConcurrency,
                onItemError);
    }

    public boolean fansOut() {
        return forEach != null;
    }
}
