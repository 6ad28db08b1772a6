package dev.weft.definition;

import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The workflow a {@code workflow} step calls, when its definition names it literally (a slug and
 * perhaps a version that are not expressions): what the save-time checks can follow. A call
 * through an expression is only known when the step runs.
 *
 * @param version null for the latest
 */
public record ChildWorkflow(String slug, Integer version) {

    public static final String TYPE = "workflow";
    private static final Pattern SLUG = Pattern.compile("^[a-z0-9][a-z0-9-]{0,99}$");

    /** The literal call of a step, if it is a {@code workflow} step that names its workflow literally. */
    public static Optional<ChildWorkflow> literal(StepDefinition step) {
        if (!TYPE.equals(step.type()) || step.input() == null || !step.input().isObject()) {
            return Optional.empty();
        }
        JsonNode slug = step.input().get("workflowSlug");
        if (slug == null || !slug.isString() || !SLUG.matcher(slug.asString()).matches()) {
            return Optional.empty();
        }
        JsonNode version = version(step.input());
        if (version == null) {
            return Optional.of(new ChildWorkflow(slug.asString(), null));
        }
        return version.isIntegralNumber() && version.canConvertToInt() && version.asInt() >= 1
                ? Optional.of(new ChildWorkflow(slug.asString(), version.asInt()))
                : Optional.empty();
    }

    /**
     * The version a {@code workflow} step's input asks for: {@code workflowVersion}, or its deprecated
     * alias {@code version}; null when neither is given.
     */
    public static JsonNode version(JsonNode input) {
        JsonNode version = input.get("workflowVersion");
        return version != null && !version.isNull() ? version : input.get("version");
    }

    /** What is wrong with a {@code workflow} step's input that its schema cannot tell before it runs, or null. */
    static String problem(JsonNode input) {
        if (input == null || !input.isObject() || !input.has("workflowSlug")) {
            return "input must be {\"workflowSlug\": \"<slug>\", \"workflowVersion\"?: <n>, \"input\"?: {...}}";
        }
        JsonNode version = input.get("workflowVersion");
        JsonNode alias = input.get("version");
        if (version != null && alias != null && !version.equals(alias)) {
            return "input.workflowVersion and its deprecated alias input.version disagree; give workflowVersion only";
        }
        JsonNode slug = input.get("workflowSlug");
        if (!slug.isString() || (!slug.asString().contains("{{") && !SLUG.matcher(slug.asString()).matches())) {
            return "input.workflowSlug must be a workflow slug or an expression giving one";
        }
        return null;
    }
}
