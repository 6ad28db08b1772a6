package dev.weft.expression;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Test helper: JSON from text with single quotes, to keep Java literals readable. */
final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {}

    static JsonNode json(String text) {
        return MAPPER.readTree(text.replace('\'', '"'));
    }

    static EvaluationContext context(String input, String steps) {
        return new EvaluationContext(json(input), json(steps),
                json("{'id': 'run-1', 'appId': 'app', 'workflowSlug': 'wf', 'workflowVersion': 3}"));
    }
}
