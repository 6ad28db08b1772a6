package dev.weft.definition;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A parsed, validated workflow definition. Immutable; {@code steps} are in declaration order with
 * dependencies resolved (a step without {@code dependsOn} depends on the step before it).
 *
 * @param source      the definition as submitted, stored verbatim so a run is pinned to what it ran
 * @param concurrency how many of its runs with the same key may run at once, or null for no limit
 */
public record WorkflowDefinition(String slug, String description, JsonNode inputSchema,
                                 List<StepDefinition> steps, JsonNode output, Duration timeout,
                                 JsonNode source, Concurrency concurrency) {

    public WorkflowDefinition {
        steps = List.copyOf(steps);
    }

    public WorkflowDefinition(String slug, String description, JsonNode inputSchema, List<StepDefinition> steps,
                              JsonNode output, Duration timeout, JsonNode source) {
        this(slug, description, inputSchema, steps, output, timeout, source, null);
    }

    public Optional<StepDefinition> step(String id) {
        return steps.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** The step, or an exception naming it: for code paths where the id came from this definition. */
    public StepDefinition requireStep(String id) {
        return step(id).orElseThrow(() -> new IllegalArgumentException("no step '" + id + "' in " + slug));
    }

    /** The step whose fallback is {@code fallbackId}, if any. */
    public Optional<StepDefinition> ownerOfFallback(String fallbackId) {
        return steps.stream()
                .filter(s -> s.onError() instanceof OnError.Fallback f && f.stepId().equals(fallbackId))
                .findFirst();
    }
}
