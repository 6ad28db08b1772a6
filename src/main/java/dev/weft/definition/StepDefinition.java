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
 * @param ifSkipped what the step does when a dependency was skipped: skip too, or run anyway
 * @param cache     whether and how its result is reused across runs, or null (the default: never)
 */
public record StepDefinition(String id, String type, List<String> dependsOn, JsonNode input,
                             String when, RetryPolicy retry, Duration timeout, OnError onError,
                             String forEach, int maxConcurrency, OnItemError onItemError, IfSkipped ifSkipped,
                             StepCache cache) {

    public StepDefinition(String id, String type, List<String> dependsOn, JsonNode input, String when,
                          RetryPolicy retry, Duration timeout, OnError onError, String forEach, int maxConcurrency,
                          OnItemError onItemError, IfSkipped ifSkipped) {
        this(id, type, dependsOn, input, when, retry, timeout, onError, forEach, maxConcurrency, onItemError, ifSkipped,
                null);
    }

    /** What a fan-out item that failed for good does to its step. */
    public enum OnItemError { FAIL, CONTINUE }

    /**
     * What a step does when a dependency was skipped: skip as well (the default, so a false
     * {@code when} prunes a branch), or run, reading the skipped step's output as null (to join
     * branches of which only some ran).
     */
    public enum IfSkipped { SKIP, RUN }

    /** Items of a fan-out that run at once when the step does not say. */
    public static final int DEFAULT_MAX_CONCURRENCY = 10;

    public StepDefinition {
        dependsOn = List.copyOf(dependsOn);
    }

    public StepDefinition(String id, String type, List<String> dependsOn, JsonNode input, String when,
                          RetryPolicy retry, Duration timeout, OnError onError) {
        this(id, type, dependsOn, input, when, retry, timeout, onError, null, DEFAULT_MAX_CONCURRENCY, OnItemError.FAIL,
                IfSkipped.SKIP);
    }

    public StepDefinition(String id, String type, List<String> dependsOn, JsonNode input, String when,
                          RetryPolicy retry, Duration timeout, OnError onError, String forEach, int maxConcurrency,
                          OnItemError onItemError) {
        this(id, type, dependsOn, input, when, retry, timeout, onError, forEach, maxConcurrency, onItemError,
                IfSkipped.SKIP);
    }

    /** The same step with other dependencies. */
    public StepDefinition withDependsOn(List<String> deps) {
        return new StepDefinition(id, type, deps, input, when, retry, timeout, onError, forEach, maxConcurrency,
                onItemError, ifSkipped, cache);
    }

    public boolean fansOut() {
        return forEach != null;
    }
}
