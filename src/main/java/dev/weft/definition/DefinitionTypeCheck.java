package dev.weft.definition;

import dev.weft.common.Suggestions;
import dev.weft.expression.ExpressionEngine;
import dev.weft.expression.TypeChecker;
import dev.weft.steps.StepHandler;
import dev.weft.steps.StepRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The save-time checks that need to know what step types accept and produce: every expression is
 * type checked against the step types' output schemas and the workflow's {@code inputSchema}
 * ({@link TypeChecker}), and a step's literal input keys against its type's input schema. Each
 * problem names step, field and pointer, and suggests the nearest name when one is close.
 *
 * <p>Runs on definitions that passed {@link DefinitionParser} (so graph and syntax are sound), when
 * they are saved, validated or run as a plan; never on stored definitions, which were checked when
 * they were saved under the rules of their day.
 */
final class DefinitionTypeCheck {

    private final StepRegistry registry;
    private final ExpressionEngine expressions;

    DefinitionTypeCheck(StepRegistry registry, ExpressionEngine expressions) {
        this.registry = registry;
        this.expressions = expressions;
    }

    List<DefinitionError> check(WorkflowDefinition definition) {
        List<DefinitionError> errors = new ArrayList<>();
        List<TypeChecker.StepShape> shapes = new ArrayList<>();
        for (StepDefinition step : definition.steps()) {
            shapes.add(new TypeChecker.StepShape(step.id(), outputSchema(step, definition), step.fansOut()));
        }
        TypeChecker checker = expressions.typeChecker(definition.inputSchema(), shapes);
        for (int i = 0; i < definition.steps().size(); i++) {
            StepDefinition step = definition.steps().get(i);
            String base = "/steps/" + i;
            TypeChecker forStep = checker;
            if (step.forEach() != null) {
                checker.checkTemplate(JsonNodeFactory.instance.stringNode(step.forEach()))
                        .forEach(p -> errors.add(error(step.id(), "forEach", base + "/forEach", p)));
                forStep = checker.forItemsOf(step.forEach());
            }
            if (step.input() != null) {
                for (TypeChecker.TypeProblem p : forStep.checkTemplate(step.input())) {
                    errors.add(error(step.id(), join("input", p.path()), base + "/input" + pointer(p.path()), p));
                }
                registry.find(step.type()).ifPresent(handler -> checkInputKeys(step, handler, base, errors));
            }
            if (step.when() != null) {
                checker.checkCondition(step.when()).forEach(p -> errors.add(error(step.id(), "when", base + "/when", p)));
            }
        }
        if (definition.output() != null) {
            for (TypeChecker.TypeProblem p : checker.checkTemplate(definition.output())) {
                errors.add(error(null, join("output", p.path()), "/output" + pointer(p.path()), p));
            }
        }
        return errors;
    }

    /**
     * What {@code steps.<id>.output} holds: the type's output schema; for a {@code transform}, the
     * keys of its literal input; unknown (dynamic) when a fallback step may stand in for it.
     */
    private JsonNode outputSchema(StepDefinition step, WorkflowDefinition definition) {
        if (step.onError() instanceof OnError.Fallback) {
            return null;
        }
        if ("transform".equals(step.type())) {
            return shapeOf(step.input(), 0);
        }
        return registry.find(step.type()).map(StepHandler::outputSchema).orElse(null);
    }

    /** A schema for a transform's output: the object keys of its template, closed; values that are expressions are unknown. */
    private static JsonNode shapeOf(JsonNode template, int depth) {
        if (template == null || !template.isObject() || depth > 16) {
            return null;
        }
        ObjectNode schema = JsonNodeFactory.instance.objectNode();
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        for (Map.Entry<String, JsonNode> e : template.properties()) {
            JsonNode value = e.getValue();
            JsonNode nested = value.isObject() ? shapeOf(value, depth + 1) : null;
            properties.set(e.getKey(), nested != null ? nested : JsonNodeFactory.instance.objectNode());
        }
        if (properties.isEmpty()) {
            return null;
        }
        return schema;
    }

    /** Keys of a literal input object that the step type's closed input schema does not accept. */
    private static void checkInputKeys(StepDefinition step, StepHandler handler, String base, List<DefinitionError> errors) {
        JsonNode schema = handler.inputSchema();
        JsonNode properties = schema.get("properties");
        JsonNode additional = schema.get("additionalProperties");
        if (!step.input().isObject() || properties == null || !properties.isObject()
                || additional == null || !additional.isBoolean() || additional.asBoolean()) {
            return;
        }
        Set<String> accepted = new TreeSet<>(properties.propertyNames());
        for (String key : step.input().propertyNames()) {
            if (accepted.contains(key)) {
                continue;
            }
            String suggestion = Suggestions.nearest(key, accepted)
                    .or(() -> Suggestions.nearest(key.replace("_", ""), accepted))
                    .orElse(null);
            errors.add(new DefinitionError(step.id(), "input." + key, base + "/input/" + escape(key), "UNKNOWN_INPUT_FIELD",
                    "step type '" + step.type() + "' does not accept input '" + key + "'"
                            + (suggestion != null ? "; did you mean '" + suggestion + "'?" : "")
                            + " It accepts: " + String.join(", ", accepted), suggestion));
        }
        JsonNode required = schema.get("required");
        if (required != null && required.isArray()) {
            for (JsonNode name : required) {
                if (!step.input().has(name.asString())) {
                    errors.add(new DefinitionError(step.id(), "input." + name.asString(), base + "/input",
                            "MISSING_INPUT_FIELD", "step type '" + step.type() + "' requires input '" + name.asString() + "'"));
                }
            }
        }
    }

    private static DefinitionError error(String step, String field, String pointer, TypeChecker.TypeProblem p) {
        return new DefinitionError(step, field, pointer, p.code(), p.message(), p.suggestion());
    }

    private static String join(String field, String path) {
        return path.isEmpty() ? field : path.startsWith("[") ? field + path : field + "." + path;
    }

    /** A template path such as {@code data.items[2]} as a JSON pointer suffix, {@code /data/items/2}. */
    static String pointer(String path) {
        if (path.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (String part : path.replaceAll("\\[(\\d+)]", ".$1").split("\\.")) {
            if (!part.isEmpty()) {
                out.append('/').append(escape(part));
            }
        }
        return out.toString();
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
