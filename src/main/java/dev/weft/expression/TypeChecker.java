package dev.weft.expression;

import com.google.common.collect.ImmutableList;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelValidationException;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableExpr;
import dev.cel.common.types.StructType;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.NullableType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Checks a definition's expressions with CEL's type checker against what each step really
 * produces: {@code steps.<id>} is an object of {@code status}, {@code output} (typed from the step
 * type's output schema, a list of them for a {@code forEach} step), {@code attempts} and
 * {@code error}; {@code input} is typed from the workflow's {@code inputSchema}; {@code run} has
 * its documented fields. See {@link SchemaTypes} for how schemas become types, and where they fall
 * back to dynamic (what cannot be proven wrong stays allowed).
 *
 * <p>Made for one definition and used from one thread: it records the checker's failed lookups to
 * turn them into problems with a suggestion.
 */
public final class TypeChecker {

    /** Problem codes. */
    public static final String UNKNOWN_FIELD = "UNKNOWN_EXPRESSION_FIELD";
    public static final String TYPE_MISMATCH = "EXPRESSION_TYPE_MISMATCH";

    private static final Pattern UNDEFINED_FIELD = Pattern.compile("undefined field '([^']*)'");
    /** Comparing with null is always meaningful here: an absent field reads as null. */
    private static final Pattern NULL_COMPARISON =
            Pattern.compile("no matching overload for '_[!=]=_' applied to '\\((.*, null|null, .*)\\)'");

    /**
     * What one step produces.
     *
     * @param outputSchema the JSON Schema of its output (of each item's output for a fan-out); null when unknown
     * @param fanOut       whether it runs {@code forEach}, so its output is the list of the items' outputs
     */
    public record StepShape(String id, JsonNode outputSchema, boolean fanOut) {}

    /**
     * @param path       where in the template, as {@link ExpressionProblem#path()}
     * @param code       {@link #UNKNOWN_FIELD} or {@link #TYPE_MISMATCH}
     * @param suggestion what was probably meant (a whole path such as {@code steps.write.output.text}), or null
     */
    public record TypeProblem(String path, String code, String message, String suggestion) {}

    private final ExpressionCompiler base;
    private final SchemaTypes types;
    private final CelType input;
    private final CelType steps;
    private final CelType run;
    private final CelType item;
    private final CelCompiler compiler;

    private TypeChecker(ExpressionCompiler base, SchemaTypes types, CelType input, CelType steps, CelType run,
                        CelType item) {
        this.base = base;
        this.types = types;
        this.input = input;
        this.steps = steps;
        this.run = run;
        this.item = item;
        this.compiler = base.typedCompilerBuilder()
                .setTypeProvider(types)
                .addVar("input", input)
                .addVar("steps", steps)
                .addVar("run", run)
                .addVar("item", item)
                .addVar("index", SimpleType.INT)
                .build();
    }

    static TypeChecker of(ExpressionCompiler base, JsonNode inputSchema, List<StepShape> shapes) {
        SchemaTypes types = new SchemaTypes();
        CelType input = types.of(inputSchema, "input");
        Map<String, CelType> stepFields = new LinkedHashMap<>();
        CelType text = NullableType.create(SimpleType.STRING);
        for (StepShape shape : shapes) {
            String path = "steps." + shape.id();
            CelType output = types.of(shape.outputSchema(), path + ".output" + (shape.fanOut() ? "[]" : ""));
            Map<String, CelType> fields = new LinkedHashMap<>();
            fields.put("status", text);
            fields.put("output", shape.fanOut() ? ListType.create(output) : output);
            fields.put("attempts", NullableType.create(SimpleType.INT));
            fields.put("error", types.struct(path + ".error", Map.of("code", text, "message", text)));
            stepFields.put(shape.id(), types.struct(path, fields));
        }
        CelType steps = types.struct("steps", stepFields);
        CelType run = types.struct("run", Map.of("id", text, "appId", text, "workflowSlug", text,
                "workflowVersion", NullableType.create(SimpleType.INT), "createdAt", text));
        return new TypeChecker(base, types, input, steps, run, SimpleType.DYN);
    }

    /**
     * The checker for the items of a {@code forEach} step: {@code item} has the element type of
     * what {@code forEach} evaluates to when that is known to be a list, else it is dynamic.
     */
    public TypeChecker forItemsOf(String forEach) {
        CelType element = SimpleType.DYN;
        TemplateString parsed = TemplateString.parse(forEach);
        TemplateString.Expression sole = parsed.error() == null ? parsed.soleExpression() : null;
        if (sole != null) {
            CelValidationResult result = compiler.compile(sole.source());
            if (!result.hasError()) {
                try {
                    CelType type = result.getAst().getResultType();
                    if (type instanceof ListType list) {
                        element = list.elemType();
                    }
                } catch (dev.cel.common.CelValidationException e) {
                    element = SimpleType.DYN;
                }
            }
        }
        return new TypeChecker(base, types, input, steps, run, element);
    }

    /** Every type problem of the expressions in {@code template} (expressions that do not even compile are left to the other checks). */
    public List<TypeProblem> checkTemplate(JsonNode template) {
        List<TypeProblem> problems = new ArrayList<>();
        ExpressionEngine.forEachString(template, "", (path, text) -> {
            TemplateString parsed = TemplateString.parse(text);
            if (parsed.error() != null) {
                return;
            }
            for (TemplateString.Part part : parsed.parts()) {
                if (part instanceof TemplateString.Expression expression) {
                    check(expression.source(), path, problems);
                }
            }
        });
        return List.copyOf(problems);
    }

    /** The type problems of a {@code when} condition, bare or in one {@code {{ }}}. */
    public List<TypeProblem> checkCondition(String condition) {
        List<TypeProblem> problems = new ArrayList<>();
        String source;
        try {
            source = ExpressionEngine.conditionSource(condition);
        } catch (ExpressionException e) {
            return List.of();
        }
        check(source, "", problems);
        return List.copyOf(problems);
    }

    private void check(String source, String path, List<TypeProblem> problems) {
        if (!(base.compile(source) instanceof Compilation.Compiled)) {
            return; // reported by the untyped check already
        }
        CelAbstractSyntaxTree parsed;
        try {
            parsed = compiler.parse(source).getAst();
        } catch (CelValidationException e) {
            return;
        }
        CelValidationResult result = compiler.check(parsed);
        if (!result.hasError()) {
            return;
        }
        Map<Long, CelExpr> unknownFields = new LinkedHashMap<>();
        List<CelIssue> others = new ArrayList<>();
        for (CelIssue issue : result.getErrors()) {
            Optional<CelExpr> select = UNDEFINED_FIELD.matcher(issue.getMessage()).find()
                    ? find(parsed.getExpr(), issue.getExprId()) : Optional.empty();
            if (select.isPresent() && select.get().exprKind().getKind() == CelExpr.ExprKind.Kind.SELECT) {
                unknownFields.put(issue.getExprId(), select.get());
            } else if (!NULL_COMPARISON.matcher(issue.getMessage()).find()) {
                others.add(issue);
            }
        }
        Map<Long, CelType> operandTypes = operandTypes(parsed, unknownFields.keySet());
        for (CelExpr select : unknownFields.values()) {
            CelType operand = operandTypes.get(select.select().operand().id());
            problems.add(unknownField(source, path, select.select().field(), operand));
        }
        for (CelIssue issue : others) {
            problems.add(new TypeProblem(path, TYPE_MISMATCH, "expression '" + ExpressionCompiler.abbreviate(source) + "': "
                    + readable(issue.getMessage()) + ExpressionCompiler.column(issue), null));
        }
    }

    /**
     * The types of the objects whose fields could not be found: each failing selection is replaced
     * by {@code dyn(operand)}, which checks, and the operands' types are read from the result.
     */
    private Map<Long, CelType> operandTypes(CelAbstractSyntaxTree parsed, java.util.Set<Long> failing) {
        if (failing.isEmpty()) {
            return Map.of();
        }
        CelExpr rewritten = replaceWithDyn(parsed.getExpr(), failing);
        CelValidationResult result = compiler.check(CelAbstractSyntaxTree.newParsedAst(rewritten, parsed.getSource()));
        try {
            return result.hasError() ? Map.of() : result.getAst().getTypeMap();
        } catch (CelValidationException e) {
            return Map.of();
        }
    }

    private static CelExpr replaceWithDyn(CelExpr e, java.util.Set<Long> failing) {
        return switch (e.exprKind().getKind()) {
            case SELECT -> failing.contains(e.id())
                    ? CelExpr.ofCall(e.id(), Optional.empty(), "dyn",
                            ImmutableList.of(replaceWithDyn(e.select().operand(), failing)))
                    : e.select().testOnly()
                            ? CelExpr.ofSelect(e.id(), replaceWithDyn(e.select().operand(), failing), e.select().field(), true)
                            : CelExpr.ofSelect(e.id(), replaceWithDyn(e.select().operand(), failing), e.select().field(), false);
            case CALL -> CelExpr.ofCall(e.id(), e.call().target().map(t -> replaceWithDyn(t, failing)), e.call().function(),
                    all(e.call().args(), failing));
            case LIST -> CelExpr.ofList(e.id(), all(e.list().elements(), failing), e.list().optionalIndices());
            case MAP -> CelExpr.ofMap(e.id(), e.map().entries().stream()
                    .map(en -> CelExpr.ofMapEntry(en.id(), replaceWithDyn(en.key(), failing),
                            replaceWithDyn(en.value(), failing), en.optionalEntry()))
                    .collect(ImmutableList.toImmutableList()));
            case COMPREHENSION -> {
                var c = e.comprehension();
                yield CelExpr.ofComprehension(e.id(), c.iterVar(), c.iterVar2(), replaceWithDyn(c.iterRange(), failing),
                        c.accuVar(), replaceWithDyn(c.accuInit(), failing), replaceWithDyn(c.loopCondition(), failing),
                        replaceWithDyn(c.loopStep(), failing), replaceWithDyn(c.result(), failing));
            }
            default -> e;
        };
    }

    private static ImmutableList<CelExpr> all(List<CelExpr> exprs, java.util.Set<Long> failing) {
        return exprs.stream().map(x -> replaceWithDyn(x, failing)).collect(ImmutableList.toImmutableList());
    }

    private static Optional<CelExpr> find(CelExpr root, long id) {
        return CelNavigableExpr.fromExpr(root).allNodes().filter(n -> n.id() == id).map(CelNavigableExpr::expr).findFirst();
    }

    /**
     * Names other APIs give what Weft's outputs call otherwise (OpenAI's {@code content}, a generic
     * {@code result}): suggested when no field is close in spelling and the output has the Weft name.
     */
    private static final Map<String, String> HABITS = Map.ofEntries(
            Map.entry("content", "text"), Map.entry("message", "text"), Map.entry("completion", "text"),
            Map.entry("response", "text"), Map.entry("answer", "text"), Map.entry("result", "text"),
            Map.entry("output", "text"), Map.entry("choices", "text"), Map.entry("tokens", "usage"),
            Map.entry("cost", "usage"), Map.entry("url", "image"), Map.entry("labels", "tags"),
            Map.entry("description", "caption"), Map.entry("vector", "embedding"));

    private TypeProblem unknownField(String source, String path, String field, CelType operandType) {
        // the checked tree holds object types by reference: look the definition up by name
        CelType operand = operandType == null ? null : types.findType(operandType.name()).orElse(operandType);
        List<String> fields = operand instanceof StructType struct ? List.copyOf(struct.fieldNames()) : List.of();
        String where = operand instanceof StructType struct && struct.name().startsWith("object ")
                ? struct.name().substring("object ".length()) : "the value";
        String suggestion = null;
        // steps.<id>.text for steps.<id>.output.text: the most common slip of all
        if (where.startsWith("steps.") && where.indexOf('.', "steps.".length()) < 0) {
            Optional<Map<String, CelType>> output = types.fieldsAt(where + ".output");
            if (output.isPresent() && output.get().containsKey(field)) {
                suggestion = where + ".output." + field;
            }
        }
        if (suggestion == null && !fields.isEmpty()) {
            String prefix = where;
            suggestion = dev.weft.common.Suggestions.nearest(field, fields)
                    .or(() -> Optional.ofNullable(HABITS.get(field)).filter(fields::contains))
                    .map(f -> prefix + "." + f).orElse(null);
        }
        String message = "expression '" + ExpressionCompiler.abbreviate(source) + "' reads field '" + field + "', but "
                + describe(where) + " has no field '" + field + "'"
                + (suggestion != null ? "; did you mean " + suggestion + "?" : "")
                + (fields.isEmpty() ? "" : " (its fields: " + String.join(", ", fields) + ")");
        return new TypeProblem(path, UNKNOWN_FIELD, message, suggestion);
    }

    private static String describe(String path) {
        if (path.equals("input")) {
            return "the workflow's inputSchema";
        }
        if (path.equals("steps")) {
            return "the workflow";
        }
        if (path.endsWith("[]")) {
            return "each item of " + path.substring(0, path.length() - 2);
        }
        return path;
    }

    /** CEL's message in the API's words: no candidate list, no internal type names. */
    private static String readable(String message) {
        return message.replaceAll(" \\(candidates: .*\\)$", "")
                .replaceAll("wrapper\\((\\w+)\\)", "$1")
                .replace("object ", "");
    }
}
