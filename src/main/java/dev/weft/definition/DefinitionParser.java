package dev.weft.definition;

import dev.weft.common.JsonDepth;
import dev.weft.common.Limits;
import dev.weft.expression.ExpressionEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import dev.weft.common.FieldLimits;
import dev.weft.common.JsonNumbers;
import tools.jackson.databind.JsonNode;

/**
 * Turns a submitted JSON document into a {@link WorkflowDefinition}, collecting every error it
 * finds with the step and field it concerns. Structural checks live here; graph and expression
 * checks in {@link DefinitionGraphCheck}.
 */
public final class DefinitionParser {

    static final Pattern SLUG = Pattern.compile("^[a-z0-9][a-z0-9-]{0,99}$");
    static final Pattern STEP_ID = Pattern.compile("^[A-Za-z][A-Za-z0-9_]{0,63}$");
    private static final Set<String> WORKFLOW_FIELDS =
            Set.of("slug", "description", "inputSchema", "steps", "output", "timeout", "budget", "concurrency");
    private static final Set<String> STEP_FIELDS =
            Set.of("id", "type", "dependsOn", "input", "when", "retry", "timeout", "onError", "description", "forEach",
                    "maxConcurrency", "onItemError", "ifSkipped", "cache");

    private final Predicate<String> knownStepType;
    private final Set<String> stepTypeNames;
    private final ExpressionEngine expressions;
    private final Limits limits;

    public DefinitionParser(Set<String> stepTypeNames, ExpressionEngine expressions, Limits limits) {
        this.stepTypeNames = Set.copyOf(stepTypeNames);
        this.knownStepType = this.stepTypeNames::contains;
        this.expressions = expressions;
        this.limits = limits;
    }

    /**
     * @param slugRequired false for an ephemeral plan, whose slug is optional
     * @throws InvalidDefinitionException with every problem found
     */
    static final String UNKNOWN_STEP_TYPE = "UNKNOWN_STEP_TYPE";

    /**
     * Step types that do not exist were the only problem: the definition as it would be otherwise,
     * for checks that can still look at the other steps.
     */
    static final class UnknownStepTypesException extends InvalidDefinitionException {
        private final transient WorkflowDefinition definition;

        UnknownStepTypesException(List<DefinitionError> errors, WorkflowDefinition definition) {
            super(errors);
            this.definition = definition;
        }

        WorkflowDefinition definition() {
            return definition;
        }
    }

    public WorkflowDefinition parse(JsonNode doc, boolean slugRequired) {
        Errors errors = new Errors();
        if (doc == null || !doc.isObject()) {
            errors.add(null, "", "", "NOT_AN_OBJECT", "a workflow definition must be a JSON object");
            throw errors.exception();
        }
        checkDepth(doc, errors);
        DefinitionFields.unknownFields(doc, WORKFLOW_FIELDS, null, "", errors);

        String slug = DefinitionFields.optionalString(doc, "slug", null, "/slug", errors);
        if (slug == null && slugRequired) {
            errors.add(null, "slug", "/slug", "REQUIRED", "slug is required");
        } else if (slug != null && (slug.equals("run") || slug.equals("runs"))) {
            errors.add(null, "slug", "/slug", "RESERVED_SLUG", "slug '" + slug + "' is reserved by the API");
        } else if (slug != null && !SLUG.matcher(slug).matches()) {
            errors.add(null, "slug", "/slug", "INVALID_SLUG",
                    "slug must be 1-100 characters of a-z, 0-9 and '-', starting with a letter or digit");
        }
        String description = DefinitionFields.optionalString(doc, "description", null, "/description", errors);
        JsonNode inputSchema = doc.get("inputSchema");
        if (inputSchema != null && !inputSchema.isObject() && !inputSchema.isBoolean()) {
            errors.add(null, "inputSchema", "/inputSchema", "INVALID_SCHEMA", "inputSchema must be a JSON Schema object");
            inputSchema = null;
        } else if (inputSchema != null) {
            InputSchemas.check(inputSchema).ifPresent(message ->
                    errors.add(null, "inputSchema", "/inputSchema", "INVALID_SCHEMA", message));
        }
        Duration timeout = DefinitionFields.duration(doc.get("timeout"), null, "timeout", "/timeout", errors);
        // budget.maxCostUsd is read by the AI steps from the stored definition (providers.usage.Budgets).
        JsonNode budget = doc.get("budget");
        if (budget != null && !(budget.isObject() && budget.size() == 1
                && JsonNumbers.doubleIn(budget.get("maxCostUsd"), 0, FieldLimits.MAX_USD).isPresent())) {
            errors.add(null, "budget.maxCostUsd", "/budget/maxCostUsd", "INVALID_BUDGET",
                    "budget must be {\"maxCostUsd\": <number from 0 to " + (long) FieldLimits.MAX_USD + ">}");
        }

        Concurrency concurrency = concurrency(doc.get("concurrency"), errors);
        List<StepDefinition> steps = parseSteps(doc.get("steps"), errors);
        JsonNode output = doc.get("output");
        if (output != null) {
            expressions.checkTemplate(output).forEach(p ->
                    errors.add(null, join("output", p.path()), "/output", "INVALID_EXPRESSION", p.message()));
            if (expressions.readsItem(output)) {
                errors.add(null, "output", "/output", "ITEM_OUTSIDE_FOR_EACH",
                        "output reads item or index, which only the items of a step with forEach have");
            }
        }
        // a misspelt step type leaves the rest sound: the definition is built anyway, so that the
        // type check can report the other steps' mistakes in the same answer
        boolean onlyUnknownTypes = !errors.isEmpty() && errors.list.stream().allMatch(e -> UNKNOWN_STEP_TYPE.equals(e.code()));
        if (!errors.isEmpty() && !onlyUnknownTypes) {
            throw errors.exception();
        }
        WorkflowDefinition definition = new WorkflowDefinition(slug, description, inputSchema, steps, output,
                timeout, doc, concurrency);
        new DefinitionGraphCheck(definition, expressions).check(errors);
        if (onlyUnknownTypes && errors.list.stream().allMatch(e -> UNKNOWN_STEP_TYPE.equals(e.code()))) {
            throw new UnknownStepTypesException(errors.list, definition);
        }
        if (!errors.isEmpty()) {
            throw errors.exception();
        }
        return definition;
    }

    /** {@code {"key": "<template over input and run>", "limit": n}}, or null when absent. */
    private Concurrency concurrency(JsonNode node, Errors errors) {
        if (node == null) {
            return null;
        }
        if (!node.isObject()) {
            errors.add(null, "concurrency", "/concurrency", "INVALID_CONCURRENCY",
                    "concurrency must be {\"key\": \"{{ input.userId }}\", \"limit\": 2}");
            return null;
        }
        DefinitionFields.unknownFields(node, Set.of("key", "limit"), null, "/concurrency", errors);
        JsonNode key = node.get("key");
        JsonNode limit = node.get("limit");
        boolean ok = true;
        if (key == null || !key.isString() || key.asString().isBlank()) {
            errors.add(null, "concurrency.key", "/concurrency/key", "INVALID_CONCURRENCY",
                    "concurrency.key must be a non-empty string, usually an expression such as \"{{ input.userId }}\"");
            ok = false;
        } else {
            List<dev.weft.expression.ExpressionProblem> problems = expressions.checkTemplate(key);
            problems.forEach(p -> errors.add(null, "concurrency.key", "/concurrency/key", "INVALID_EXPRESSION", p.message()));
            if (problems.isEmpty() && (!expressions.referencedSteps(key).isEmpty() || expressions.readsStepsDynamically(key)
                    || expressions.readsItem(key))) {
                errors.add(null, "concurrency.key", "/concurrency/key", "INVALID_CONCURRENCY",
                        "concurrency.key is evaluated when the run is submitted: it may read input and run, not steps or item");
            }
            ok &= problems.isEmpty();
        }
        if (limit == null || !limit.isIntegralNumber() || !limit.canConvertToInt() || limit.asInt() < 1
                || limit.asInt() > Concurrency.MAX_LIMIT) {
            errors.add(null, "concurrency.limit", "/concurrency/limit", "INVALID_CONCURRENCY",
                    "concurrency.limit must be an integer from 1 to " + Concurrency.MAX_LIMIT);
            ok = false;
        }
        return ok ? new Concurrency(key.asString(), limit.asInt()) : null;
    }

    private List<StepDefinition> parseSteps(JsonNode stepsNode, Errors errors) {
        List<StepDefinition> steps = new ArrayList<>();
        if (stepsNode == null || !stepsNode.isArray() || stepsNode.isEmpty()) {
            errors.add(null, "steps", "/steps", "REQUIRED", "steps must be a non-empty array");
            return steps;
        }
        if (stepsNode.size() > limits.maxSteps()) {
            errors.add(null, "steps", "/steps", "TOO_MANY_STEPS",
                    "a workflow may have at most " + limits.maxSteps() + " steps, this one has " + stepsNode.size());
            return steps;
        }
        Set<String> seen = new HashSet<>();
        String previous = null;
        for (int i = 0; i < stepsNode.size(); i++) {
            JsonNode node = stepsNode.get(i);
            String base = "/steps/" + i;
            if (!node.isObject()) {
                errors.add("#" + i, "", base, "NOT_AN_OBJECT", "each step must be a JSON object");
                continue;
            }
            String id = node.path("id").isString() ? node.get("id").asString() : null;
            String label = id != null && STEP_ID.matcher(id).matches() ? id : "#" + i;
            if (id == null) {
                errors.add(label, "id", base + "/id", "REQUIRED", "step id is required");
            } else if (!STEP_ID.matcher(id).matches()) {
                errors.add(label, "id", base + "/id", "INVALID_STEP_ID",
                        "step id '" + id + "' must start with a letter and contain only letters, digits and '_' (at most 64)");
            } else if (!seen.add(id)) {
                errors.add(label, "id", base + "/id", "DUPLICATE_STEP_ID", "step id '" + id + "' is used more than once");
            }
            DefinitionFields.unknownFields(node, STEP_FIELDS, label, base, errors);
            StepDefinition step = parseStep(node, label, base, id, previous, errors);
            if (step != null) {
                steps.add(step);
            }
            previous = id;
        }
        return redirectImplicitDependencies(steps, stepsNode);
    }

    /**
     * A fallback step declared right after its owner would implicitly depend on it; it runs instead
     * of the owner, so it takes the owner's dependencies. A step whose implicit predecessor is a
     * fallback depends on the fallback's owner, whose output the fallback provides.
     */
    private static List<StepDefinition> redirectImplicitDependencies(List<StepDefinition> steps, JsonNode stepsNode) {
        Map<String, StepDefinition> owners = new java.util.HashMap<>();
        for (StepDefinition s : steps) {
            if (s.onError() instanceof OnError.Fallback(String target)) {
                owners.put(target, s);
            }
        }
        if (owners.isEmpty()) {
            return steps;
        }
        List<StepDefinition> result = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            StepDefinition s = steps.get(i);
            boolean implicit = stepsNode.get(i) != null && !stepsNode.get(i).has("dependsOn");
            if (implicit && owners.containsKey(s.id())) {
                s = withDeps(s, owners.get(s.id()).dependsOn());
            } else if (implicit && s.dependsOn().size() == 1 && owners.containsKey(s.dependsOn().getFirst())) {
                s = withDeps(s, List.of(owners.get(s.dependsOn().getFirst()).id()));
            }
            result.add(s);
        }
        return result;
    }

    private static StepDefinition withDeps(StepDefinition s, List<String> deps) {
        return s.withDependsOn(deps);
    }

    private StepDefinition parseStep(JsonNode node, String label, String base, String id, String previous,
                                     Errors errors) {
        String type = DefinitionFields.optionalString(node, "type", label, base + "/type", errors);
        if (type == null) {
            errors.add(label, "type", base + "/type", "REQUIRED", "step type is required");
        } else if (!knownStepType.test(type)) {
            String suggestion = dev.weft.common.Suggestions.nearest(type, stepTypeNames).orElse(null);
            errors.add(label, "type", base + "/type", UNKNOWN_STEP_TYPE,
                    "unknown step type '" + type + "'" + (suggestion != null ? "; did you mean '" + suggestion + "'?" : "")
                            + " Known types: " + String.join(", ", stepTypeNames.stream().sorted().toList()), suggestion);
        }
        List<String> dependsOn = DefinitionFields.dependsOn(node.get("dependsOn"), previous, label, base, errors);
        JsonNode input = node.get("input");
        if (SignalWait.TYPE.equals(type)) {
            String problem = SignalWait.problem(input);
            if (problem != null) {
                errors.add(label, "input", base + "/input", "INVALID_SIGNAL", problem);
            }
        } else if (input != null) {
            expressions.checkTemplate(input).forEach(p ->
                    errors.add(label, join("input", p.path()), base + "/input", "INVALID_EXPRESSION", p.message()));
        }
        if (ChildWorkflow.TYPE.equals(type)) {
            String problem = ChildWorkflow.problem(input);
            if (problem != null) {
                errors.add(label, "input.workflowSlug", base + "/input/workflowSlug", "INVALID_WORKFLOW_CALL", problem);
            }
        }
        String when = null;
        JsonNode whenNode = node.get("when");
        if (whenNode != null) {
            if (!whenNode.isString() || whenNode.asString().isBlank()) {
                errors.add(label, "when", base + "/when", "INVALID_EXPRESSION", "when must be a non-empty string");
            } else {
                when = whenNode.asString();
                expressions.checkCondition(when).forEach(p ->
                        errors.add(label, "when", base + "/when", "INVALID_EXPRESSION", p.message()));
                if (expressions.readsItem(when)) {
                    errors.add(label, "when", base + "/when", "ITEM_OUTSIDE_FOR_EACH",
                            "when is decided once for the whole step, before any item exists: it cannot read item or index");
                }
            }
        }
        RetryPolicy retry = DefinitionFields.retry(node.get("retry"), label, base + "/retry", errors);
        Duration timeout = DefinitionFields.duration(node.get("timeout"), label, "timeout", base + "/timeout", errors);
        OnError onError = DefinitionFields.onError(node.get("onError"), label, base + "/onError", errors);
        FanOutFields fanOut = FanOutFields.parse(node, label, base, limits.maxItems(), expressions, errors);
        if (fanOut.forEach() != null && SignalWait.TYPE.equals(type)) {
            errors.add(label, "forEach", base + "/forEach", "INVALID_FOR_EACH", "a wait_for_signal step cannot fan out");
        }
        if (fanOut.forEach() == null && input != null && expressions.readsItem(input)) {
            errors.add(label, "input", base + "/input", "ITEM_OUTSIDE_FOR_EACH",
                    "input reads item or index, which only a step with forEach has");
        }
        if (id == null || type == null) {
            return null;
        }
        StepDefinition.IfSkipped ifSkipped = StepDefinition.IfSkipped.SKIP;
        JsonNode ifSkippedNode = node.get("ifSkipped");
        if (ifSkippedNode != null) {
            if (ifSkippedNode.isString() && ifSkippedNode.asString().equals("run")) {
                ifSkipped = StepDefinition.IfSkipped.RUN;
            } else if (!(ifSkippedNode.isString() && ifSkippedNode.asString().equals("skip"))) {
                errors.add(label, "ifSkipped", base + "/ifSkipped", "INVALID_IF_SKIPPED",
                        "ifSkipped must be \"skip\" (the default) or \"run\"");
            }
        }
        StepCache cache = cache(node.get("cache"), type, dependsOn, label, base + "/cache", errors);
        return new StepDefinition(id, type, dependsOn, input, when, retry, timeout, onError, fanOut.forEach(),
                fanOut.maxConcurrency(), fanOut.onItemError(), ifSkipped, cache);
    }

    /** {@code "cache": {"ttl": "P7D", "key": "{{ ... }}"}}: a ttl, and optionally a key template over the input and dependencies. */
    private StepCache cache(JsonNode node, String type, List<String> dependsOn, String label, String pointer, Errors errors) {
        if (node == null) {
            return null;
        }
        if (!node.isObject()) {
            errors.add(label, "cache", pointer, "INVALID_CACHE", "cache must be an object such as {\"ttl\": \"P7D\"}");
            return null;
        }
        DefinitionFields.unknownFields(node, Set.of("ttl", "key"), label, pointer, errors);
        if (SignalWait.TYPE.equals(type) || ChildWorkflow.TYPE.equals(type)) {
            errors.add(label, "cache", pointer, "INVALID_CACHE", "a " + type + " step's result cannot be reused: it is an outside event");
            return null;
        }
        JsonNode ttlNode = node.get("ttl");
        java.time.Duration ttl = null;
        if (ttlNode == null || !ttlNode.isString()) {
            errors.add(label, "cache.ttl", pointer + "/ttl", "INVALID_CACHE", "cache.ttl is required: an ISO-8601 duration such as \"P7D\"");
        } else {
            try {
                ttl = java.time.Duration.parse(ttlNode.asString());
                if (ttl.compareTo(java.time.Duration.ofSeconds(1)) < 0 || ttl.compareTo(StepCache.MAX_TTL) > 0) {
                    errors.add(label, "cache.ttl", pointer + "/ttl", "INVALID_CACHE", "cache.ttl must be from PT1S to P365D");
                    ttl = null;
                }
            } catch (java.time.format.DateTimeParseException e) {
                errors.add(label, "cache.ttl", pointer + "/ttl", "INVALID_CACHE",
                        "cache.ttl must be an ISO-8601 duration such as \"P7D\" or \"PT12H\"");
            }
        }
        String key = null;
        JsonNode keyNode = node.get("key");
        if (keyNode != null) {
            if (!keyNode.isString() || keyNode.asString().isBlank()) {
                errors.add(label, "cache.key", pointer + "/key", "INVALID_CACHE", "cache.key must be a non-empty template string");
            } else {
                key = keyNode.asString();
                JsonNode template = dev.weft.common.Json.text(key);
                expressions.checkTemplate(template).forEach(p ->
                        errors.add(label, "cache.key", pointer + "/key", "INVALID_EXPRESSION", p.message()));
                for (String step : expressions.referencedSteps(template)) {
                    if (!dependsOn.contains(step)) {
                        errors.add(label, "cache.key", pointer + "/key", "INVALID_CACHE", "cache.key reads steps." + step
                                + ", which is not in this step's dependsOn: a key may read the input, item, index and the"
                                + " steps this step depends on directly");
                    }
                }
            }
        }
        return ttl == null ? null : new StepCache(ttl, key);
    }

    private void checkDepth(JsonNode doc, Errors errors) {
        int depth = JsonDepth.of(doc);
        if (depth > limits.maxDepth()) {
            errors.add(null, "", "", "TOO_DEEP", "the definition nests " + depth + " levels deep; the limit is " + limits.maxDepth());
            throw errors.exception();
        }
        List<String> outOfRange = JsonNumbers.outOfRange(doc, 20);
        for (String path : outOfRange) {
            errors.add(null, path, "/" + path.replace(".", "/").replaceAll("\\[(\\d+)]", "/$1"), "NUMBER_OUT_OF_RANGE",
                    path + " is a number out of range: numbers must fit a double (within ±1.8e308)");
        }
        if (!outOfRange.isEmpty()) {
            throw errors.exception();
        }
    }

    private static String join(String prefix, String path) {
        return path == null || path.isEmpty() ? prefix : path.startsWith("[") ? prefix + path : prefix + "." + path;
    }

    /** Collects errors in submission order. */
    static final class Errors {
        private final List<DefinitionError> list = new ArrayList<>();

        void add(String step, String field, String pointer, String code, String message) {
            list.add(new DefinitionError(step, field, pointer, code, message));
        }

        void add(String step, String field, String pointer, String code, String message, String suggestion) {
            list.add(new DefinitionError(step, field, pointer, code, message, suggestion));
        }

        boolean isEmpty() {
            return list.isEmpty();
        }

        InvalidDefinitionException exception() {
            return new InvalidDefinitionException(list);
        }
    }
}
