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
 */
public record StepDefinition(String id, String type, List<String> dependsOn, JsonNode input,
                             String when, RetryPolicy retry, Duration timeout, OnError onError) {

    public StepDefinition {
        dependsOn = List.copyOf(dependsOn);
    }
}
