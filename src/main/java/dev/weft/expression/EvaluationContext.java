package dev.weft.expression;

import tools.jackson.databind.JsonNode;

/**
 * What an expression can see.
 *
 * @param input the run's input document
 * @param steps an object keyed by step id; each value is {@code {"status", "output", "error"}}
 * @param run   {@code {"id", "appId", "workflowSlug", "workflowVersion", "createdAt"}}
 * @param item  for an item of a {@code forEach} step, the item it works on; null otherwise
 * @param index for an item of a {@code forEach} step, its position in the list from 0; null otherwise
 */
public record EvaluationContext(JsonNode input, JsonNode steps, JsonNode run, JsonNode item, Integer index) {

    public EvaluationContext(JsonNode input, JsonNode steps, JsonNode run) {
        this(input, steps, run, null, null);
    }

    /** The same context for the item at {@code index} of a fan-out. */
    public EvaluationContext forItem(JsonNode item, int index) {
        return new EvaluationContext(input, steps, run, item, index);
    }
}
