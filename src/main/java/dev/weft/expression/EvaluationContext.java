package dev.weft.expression;

import tools.jackson.databind.JsonNode;

/**
 * What an expression can see.
 *
 * @param input the run's input document
 * @param steps an object keyed by step id; each value is {@code {"status", "output", "error"}}
 * @param run   {@code {"id", "appId", "workflowSlug", "workflowVersion", "createdAt"}}
 */
public record EvaluationContext(JsonNode input, JsonNode steps, JsonNode run) {}
