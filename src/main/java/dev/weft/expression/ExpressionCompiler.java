package dev.weft.expression;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.extensions.CelMathExtensions;
import dev.cel.extensions.CelStringExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Compiles expressions with one shared CEL environment and caches the outcome by source text.
 *
 * <p>The environment declares {@code input} (dyn), {@code steps} and {@code run} (map of string
 * to dyn), {@code item} (dyn) and {@code index} (int) for the items of a {@code forEach} step, the standard functions and macros, most of the strings extension and the math
 * extension. Nothing else is callable, so an expression cannot reach code, files or the network.
 * {@code replace} is left out of the strings extension because chained calls grow a string
 * exponentially in the length of the expression; {@code join} is replaced by {@link BoundedJoin},
 * which refuses a result over the value size limit before building it. Every other value an
 * expression builds is measured as it is built ({@link ValueSize}).
 */
final class ExpressionCompiler {

    private static final int CACHE_SIZE = 4096;

    private final ExpressionLimits limits;
    private final Cel cel;
    private final Map<String, Compilation> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Compilation> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    ExpressionCompiler(ExpressionLimits limits) {
        this.limits = limits;
        CelOptions options = options(limits);
        var strings = strings();
        var math = math(options);
        MapType stringToDyn = MapType.create(SimpleType.STRING, SimpleType.DYN);
        this.cel = CelFactory.standardCelBuilder()
                .setOptions(options)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addVar("input", SimpleType.DYN)
                .addVar("steps", stringToDyn)
                .addVar("run", stringToDyn)
                .addVar("item", SimpleType.DYN)
                .addVar("index", SimpleType.INT)
                .addCompilerLibraries(strings, math)
                .addRuntimeLibraries(strings, math)
                .addFunctionDeclarations(MissingFieldsAsNull.declaration(), BoundedJoin.declaration())
                .addFunctionBindings(MissingFieldsAsNull.binding())
                .addFunctionBindings(BoundedJoin.bindings(limits.maxValueSize()))
                .build();
    }

    private static CelOptions options(ExpressionLimits limits) {
        return CelOptions.current()
                .comprehensionMaxIterations(limits.maxIterations())
                .maxExpressionCodePointSize(limits.maxExpressionLength())
                .enableHeterogeneousNumericComparisons(true)
                .build();
    }

    private static dev.cel.extensions.CelStringExtensions strings() {
        return CelExtensions.strings(EnumSet.complementOf(
                EnumSet.of(CelStringExtensions.Function.REPLACE, CelStringExtensions.Function.JOIN)));
    }

    private static CelMathExtensions math(CelOptions options) {
        return CelExtensions.math(options, EnumSet.allOf(CelMathExtensions.Function.class));
    }

    /**
     * A compiler with the same functions, macros and limits as the one that runs expressions, and
     * no variables: {@link TypeChecker} declares them with the types a definition gives them.
     */
    CelCompilerBuilder typedCompilerBuilder() {
        CelOptions options = options(limits);
        return CelCompilerFactory.standardCelCompilerBuilder()
                .setOptions(options)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addLibraries(strings(), math(options))
                .addFunctionDeclarations(BoundedJoin.declaration());
    }

    Compilation compile(String source) {
        Compilation cached;
        synchronized (cache) {
            cached = cache.get(source);
        }
        if (cached != null) {
            return cached;
        }
        Compilation compiled = compileUncached(source);
        synchronized (cache) {
            cache.put(source, compiled);
        }
        return compiled;
    }

    private Compilation compileUncached(String source) {
        if (source.isEmpty()) {
            return new Compilation.Invalid(source, "empty expression");
        }
        if (source.length() > limits.maxExpressionLength()) {
            return new Compilation.Invalid(source, "expression is " + source.length()
                    + " characters long, more than the limit of " + limits.maxExpressionLength());
        }
        CelValidationResult checked = cel.compile(source);
        if (checked.hasError()) {
            return new Compilation.Invalid(source, "invalid expression '" + abbreviate(source) + "': "
                    + checked.getErrors().stream().map(ExpressionCompiler::describe).collect(Collectors.joining("; ")));
        }
        try {
            CelAbstractSyntaxTree ast = checked.getAst();
            CelAbstractSyntaxTree rewritten = cel.check(CelAbstractSyntaxTree.newParsedAst(
                    MissingFieldsAsNull.rewrite(ast.getExpr()), ast.getSource())).getAst();
            StepReferences steps = StepReferences.of(ast.getExpr());
            return new Compilation.Compiled(source, ast.getResultType(), cel.createProgram(rewritten),
                    steps.ids(), steps.dynamic(), steps.item());
        } catch (CelValidationException | CelEvaluationException e) {
            // The rewrite only swaps selections for a dyn function; failing here is our bug.
            throw new IllegalStateException("cannot prepare expression '" + source + "'", e);
        }
    }

    private static String describe(CelIssue issue) {
        return issue.getMessage() + column(issue);
    }

    /** Where in the expression an issue is, as {@code " (at column 7)"}, or nothing when CEL does not say. */
    static String column(CelIssue issue) {
        int column = issue.getSourceLocation().getColumn();
        return column >= 0 ? " (at column " + (column + 1) + ")" : "";
    }

    /** An expression short enough to quote in a message. */
    static String abbreviate(String source) {
        return source.length() <= 80 ? source : source.substring(0, 77) + "...";
    }
}
