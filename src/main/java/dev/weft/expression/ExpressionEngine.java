package dev.weft.expression;

import dev.cel.common.CelErrorCode;
import dev.cel.common.ast.CelExpr;
import dev.cel.runtime.CelEvaluationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks and evaluates the expressions of workflow definitions. Thread-safe; create one and share
 * it, since compiled expressions are cached by their source text.
 *
 * <h2>Templates</h2>
 * Any JSON value can be a template: every string in it (object keys excepted) may contain
 * {@code {{ expr }}} parts, where {@code expr} is CEL over {@code input}, {@code steps} and
 * {@code run}, and for the items of a {@code forEach} step {@code item} and {@code index}. A string that is exactly one expression, give or take surrounding whitespace, is
 * replaced by the expression's value with its JSON type; otherwise each expression is replaced by
 * its text (strings as they are, {@code null} as nothing, anything else as compact JSON).
 *
 * <h2>Conditions</h2>
 * A {@code when} condition is a bare CEL expression, or one wrapped in a single {@code {{ }}}, that
 * must evaluate to a boolean.
 *
 * <h2>Absent values</h2>
 * Reading a field or map key that is absent, or reading through a JSON {@code null}, yields
 * {@code null} rather than an error: {@code {{ input.size }}} with no size renders {@code null}.
 * {@code has(input.size)} tells an absent field from a present one. Other evaluation errors
 * (wrong types, division by zero, list index out of bounds, the iteration limit) throw
 * {@link ExpressionException}.
 *
 * <h2>Paths</h2>
 * Problems and exceptions name where the expression sits in the template: {@code data.image},
 * {@code items[2]}, or the empty string for the template root and for conditions.
 */
public final class ExpressionEngine {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ExpressionCompiler compiler;
    private final ExpressionLimits limits;

    public ExpressionEngine(ExpressionLimits limits) {
        this.compiler = new ExpressionCompiler(limits);
        this.limits = limits;
    }

    /** Every problem with the expressions in {@code template}; empty when all compile. */
    public List<ExpressionProblem> checkTemplate(JsonNode template) {
        List<ExpressionProblem> problems = new ArrayList<>();
        forEachString(template, "", (path, text) -> {
            TemplateString parsed = TemplateString.parse(text);
            if (parsed.error() != null) {
                problems.add(new ExpressionProblem(path, parsed.error()));
            }
            for (TemplateString.Part part : parsed.parts()) {
                if (part instanceof TemplateString.Expression expression) {
                    problem(compiler.compile(expression.source()), path, problems);
                }
            }
        });
        return List.copyOf(problems);
    }

    /**
     * A type checker for one definition's expressions, from its {@code inputSchema} (null: dynamic)
     * and what each of its steps produces.
     */
    public TypeChecker typeChecker(JsonNode inputSchema, List<TypeChecker.StepShape> steps) {
        return TypeChecker.of(compiler, inputSchema, steps);
    }

    /** Every problem with a {@code when} condition; empty when it compiles and may be boolean. */
    public List<ExpressionProblem> checkCondition(String condition) {
        String source;
        try {
            source = conditionSource(condition);
        } catch (ExpressionException e) {
            return List.of(new ExpressionProblem("", e.getMessage()));
        }
        List<ExpressionProblem> problems = new ArrayList<>();
        Compilation compilation = compiler.compile(source);
        problem(compilation, "", problems);
        if (compilation instanceof Compilation.Compiled compiled && !compiled.mayBeBoolean()) {
            problems.add(new ExpressionProblem("", "condition '" + source + "' must evaluate to a boolean, but its type is "
                    + compiled.resultType().name()));
        }
        return List.copyOf(problems);
    }

    /** The step ids the expressions in {@code template} read; expressions that do not compile are skipped. */
    public Set<String> referencedSteps(JsonNode template) {
        Set<String> steps = new TreeSet<>();
        forEachString(template, "", (path, text) -> {
            for (TemplateString.Part part : TemplateString.parse(text).parts()) {
                if (part instanceof TemplateString.Expression expression
                        && compiler.compile(expression.source()) instanceof Compilation.Compiled compiled) {
                    steps.addAll(compiled.steps());
                }
            }
        });
        return Set.copyOf(steps);
    }

    /**
     * Whether an expression in {@code template} reads {@code steps} other than by literal ids (as a
     * whole, or by a computed key), so that {@link #referencedSteps(JsonNode)} is not the whole story.
     */
    public boolean readsStepsDynamically(JsonNode template) {
        boolean[] dynamic = {false};
        forEachString(template, "", (path, text) -> {
            for (TemplateString.Part part : TemplateString.parse(text).parts()) {
                if (part instanceof TemplateString.Expression expression
                        && compiler.compile(expression.source()) instanceof Compilation.Compiled compiled
                        && compiled.dynamicSteps()) {
                    dynamic[0] = true;
                }
            }
        });
        return dynamic[0];
    }

    /** Whether {@code text} is exactly one {@code {{ expr }}}, give or take surrounding whitespace. */
    public boolean isSoleExpression(String text) {
        TemplateString parsed = TemplateString.parse(text);
        return parsed.error() == null && parsed.soleExpression() != null;
    }

    /** Whether an expression in {@code template} reads {@code item} or {@code index}; expressions that do not compile are skipped. */
    public boolean readsItem(JsonNode template) {
        boolean[] reads = {false};
        forEachString(template, "", (path, text) -> {
            for (TemplateString.Part part : TemplateString.parse(text).parts()) {
                if (part instanceof TemplateString.Expression expression
                        && compiler.compile(expression.source()) instanceof Compilation.Compiled compiled
                        && compiled.readsItem()) {
                    reads[0] = true;
                }
            }
        });
        return reads[0];
    }

    /** Whether a {@code when} condition reads {@code item} or {@code index}; false when it does not compile. */
    public boolean readsItem(String condition) {
        try {
            return compiler.compile(conditionSource(condition)) instanceof Compilation.Compiled compiled
                    && compiled.readsItem();
        } catch (ExpressionException e) {
            return false;
        }
    }

    /** The step ids a {@code when} condition reads; empty when it does not compile. */
    public Set<String> referencedSteps(String condition) {
        try {
            return compiler.compile(conditionSource(condition)) instanceof Compilation.Compiled compiled
                    ? compiled.steps()
                    : Set.of();
        } catch (ExpressionException e) {
            return Set.of();
        }
    }

    /**
     * A new JSON value with every expression in {@code template} evaluated.
     *
     * @throws ExpressionException when an expression is malformed, fails to evaluate or exceeds a
     *     limit; never anything else, so a caller that catches it has caught every failure
     */
    public JsonNode render(JsonNode template, EvaluationContext ctx) {
        Rendering rendering = new Rendering(ctx);
        return guarded("", () -> rendering.render(template, ""));
    }

    /**
     * Evaluates a {@code when} condition.
     *
     * @throws ExpressionException when it is malformed, fails, exceeds a limit or does not yield a
     *     boolean; never anything else
     */
    public boolean test(String condition, EvaluationContext ctx) {
        Rendering rendering = new Rendering(ctx);
        Object result = guarded("", () -> rendering.evaluate(conditionSource(condition), ""));
        if (result instanceof Boolean b) {
            return b;
        }
        throw new ExpressionException("", "condition must evaluate to a boolean, got "
                + CelJson.typeName(result) + " " + CelJson.toText(CelJson.toJson(result)));
    }

    /**
     * Runs an evaluation and turns whatever else escapes it (a conversion CEL's runtime did not
     * expect, a value nested too deeply to walk) into an {@link ExpressionException}, so a failing
     * expression always fails its step or run at once instead of escaping the caller's handling.
     */
    private static <T> T guarded(String path, java.util.function.Supplier<T> evaluation) {
        try {
            return evaluation.get();
        } catch (ExpressionException e) {
            throw e;
        } catch (ValueSize.TooLarge e) {
            throw new ExpressionException(path, e.getMessage(), e, ExpressionException.LIMIT);
        } catch (RuntimeException | StackOverflowError e) {
            throw new ExpressionException(path, "the expression could not be evaluated: "
                    + dev.weft.common.Failures.describe(e), e);
        }
    }

    static String conditionSource(String condition) {
        if (condition == null || condition.isBlank()) {
            throw new ExpressionException("", "empty condition");
        }
        if (!condition.contains("{{") && !condition.contains("}}")) {
            return condition.strip();
        }
        TemplateString parsed = TemplateString.parse(condition);
        if (parsed.error() != null) {
            throw new ExpressionException("", parsed.error());
        }
        TemplateString.Expression sole = parsed.soleExpression();
        if (sole == null) {
            throw new ExpressionException("", "a condition is one expression, either bare or in a single {{ }}");
        }
        return sole.source();
    }

    private static void problem(Compilation compilation, String path, List<ExpressionProblem> problems) {
        switch (compilation) {
            case Compilation.Invalid invalid -> problems.add(new ExpressionProblem(path, invalid.message()));
            case Compilation.Compiled compiled when compiled.dynamicSteps() -> problems.add(new ExpressionProblem(path,
                    "expression '" + compiled.source() + "' must read steps by a literal id, as steps.<id> or steps[\"<id>\"]"));
            case Compilation.Compiled ignored -> { }
        }
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** Visits every string in a JSON value with its path. */
    static void forEachString(JsonNode node, String path, BiConsumer<String, String> visitor) {
        if (node == null) {
            return;
        }
        if (node.isString()) {
            visitor.accept(path, node.asString());
        } else if (node.isObject()) {
            node.properties().forEach(e -> forEachString(e.getValue(), childPath(path, e.getKey()), visitor));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                forEachString(node.get(i), path + "[" + i + "]", visitor);
            }
        }
    }

    private static String childPath(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /**
     * One evaluation pass; converts the context to CEL values once, on first use, and measures every
     * value its expressions build against the size limit.
     */
    private final class Rendering {
        private final EvaluationContext ctx;
        private final ValueSize sizes = new ValueSize(limits.maxValueSize());
        private Map<String, Object> variables;

        Rendering(EvaluationContext ctx) {
            this.ctx = ctx;
        }

        JsonNode render(JsonNode node, String path) {
            if (node == null) {
                return NODES.nullNode();
            }
            if (node.isString()) {
                return renderString(node, path);
            }
            if (node.isObject()) {
                ObjectNode object = NODES.objectNode();
                node.properties().forEach(e -> object.set(e.getKey(), render(e.getValue(), childPath(path, e.getKey()))));
                return object;
            }
            if (node.isArray()) {
                ArrayNode array = NODES.arrayNode(node.size());
                for (int i = 0; i < node.size(); i++) {
                    array.add(render(node.get(i), path + "[" + i + "]"));
                }
                return array;
            }
            return node.deepCopy();
        }

        private JsonNode renderString(JsonNode node, String path) {
            TemplateString parsed = TemplateString.parse(node.asString());
            if (parsed.error() != null) {
                throw new ExpressionException(path, parsed.error());
            }
            if (!parsed.hasExpressions()) {
                return node;
            }
            TemplateString.Expression sole = parsed.soleExpression();
            if (sole != null) {
                return toJson(evaluate(sole.source(), path), path);
            }
            StringBuilder text = new StringBuilder();
            for (TemplateString.Part part : parsed.parts()) {
                switch (part) {
                    case TemplateString.Literal literal -> text.append(literal.text());
                    case TemplateString.Expression expression ->
                            text.append(CelJson.toText(toJson(evaluate(expression.source(), path), path)));
                }
            }
            return NODES.stringNode(text.toString());
        }

        Object evaluate(String source, String path) {
            Compilation.Compiled compiled = switch (compiler.compile(source)) {
                case Compilation.Invalid invalid -> throw new ExpressionException(path, invalid.message());
                case Compilation.Compiled c -> c;
            };
            Map<String, Object> vars = variables(path);
            try {
                return compiled.program().trace(vars, this::measureBuilt);
            } catch (CelEvaluationException e) {
                ValueSize.TooLarge tooLarge = find(e, ValueSize.TooLarge.class);
                boolean limit = tooLarge != null || e.getErrorCode() == CelErrorCode.ITERATION_BUDGET_EXCEEDED;
                String why = tooLarge != null ? tooLarge.getMessage() : dev.weft.common.Failures.clean(e.getMessage());
                throw new ExpressionException(path, "expression '" + source + "' failed"
                        + (path.isEmpty() ? "" : " at " + path) + ": " + why, e,
                        limit ? ExpressionException.LIMIT : ExpressionException.FAILED);
            }
        }

        /**
         * Values the expression makes (function results, literals, comprehensions) are measured;
         * reading a variable or a field is not, since it only refers to what is already stored.
         */
        private void measureBuilt(CelExpr expr, Object value) {
            switch (expr.exprKind().getKind()) {
                case IDENT, CONSTANT, SELECT -> { }
                case CALL -> {
                    if (!expr.call().function().equals(MissingFieldsAsNull.FUNCTION)) {
                        sizes.check(value);
                    }
                }
                default -> sizes.check(value);
            }
        }

        private JsonNode toJson(Object value, String path) {
            try {
                return CelJson.toJson(value);
            } catch (IllegalArgumentException e) {
                throw new ExpressionException(path, e.getMessage(), e);
            }
        }

        private Map<String, Object> variables(String path) {
            if (variables == null) {
                try {
                    Map<String, Object> vars = new java.util.HashMap<>();
                    vars.put("input", CelJson.toCel(ctx.input(), "input"));
                    vars.put("steps", objectOrEmpty(ctx.steps(), "steps"));
                    vars.put("run", objectOrEmpty(ctx.run(), "run"));
                    if (ctx.index() != null) {
                        vars.put("item", CelJson.toCel(ctx.item(), "item"));
                        vars.put("index", (long) ctx.index());
                    }
                    variables = Map.copyOf(vars);
                } catch (IllegalArgumentException e) {
                    throw new ExpressionException(path, e.getMessage(), e);
                }
            }
            return variables;
        }

        private static Object objectOrEmpty(JsonNode node, String name) {
            return node != null && node.isObject() ? CelJson.toCel(node, name) : Map.of();
        }
    }
}
