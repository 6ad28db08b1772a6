package dev.weft.expression;

import com.google.common.collect.ImmutableList;
import com.google.common.primitives.UnsignedLong;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableExpr;
import dev.cel.common.types.SimpleType;
import dev.cel.common.values.NullValue;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes reading an absent field yield {@code null} instead of CEL's "no such key" error.
 *
 * <p>Workflow inputs are optional by nature ({@code {{ input.size }}} when no size was given), and
 * a JSON {@code null} in the middle of a path ({@code input.options.size} with
 * {@code "options": null}) should read the same way. CEL has no switch for this, so after type
 * checking every field selection {@code a.f} and every index {@code a[k]} is rewritten into a call
 * to a hidden function {@code @weft.get(a, k)}. Its name cannot be written in source, so users
 * cannot call it. {@code has(a.f)} is left alone and keeps its meaning.
 */
final class MissingFieldsAsNull {

    static final String FUNCTION = "@weft.get";
    private static final String OVERLOAD = "weft_get_dyn_dyn";

    private MissingFieldsAsNull() {}

    static CelFunctionDecl declaration() {
        return CelFunctionDecl.newFunctionDeclaration(FUNCTION,
                CelOverloadDecl.newGlobalOverload(OVERLOAD, SimpleType.DYN, SimpleType.DYN, SimpleType.DYN));
    }

    static CelFunctionBinding binding() {
        return CelFunctionBinding.from(OVERLOAD, Object.class, Object.class, MissingFieldsAsNull::get);
    }

    /** Rewrites a checked expression; the result must be type checked again. */
    static CelExpr rewrite(CelExpr root) {
        long maxId = CelNavigableExpr.fromExpr(root).allNodes().mapToLong(CelNavigableExpr::id).max().orElse(0);
        return new Rewriter(maxId + 1).rewrite(root);
    }

    private static Object get(Object target, Object key) throws CelEvaluationException {
        return switch (target) {
            case NullValue ignored -> NullValue.NULL_VALUE;
            case Map<?, ?> map -> {
                Object value = map.get(key);
                yield value == null ? NullValue.NULL_VALUE : value;
            }
            case List<?> list -> list.get(listIndex(list, key));
            default -> throw new CelEvaluationException(
                    "cannot read '" + key + "' of a value of type " + CelJson.typeName(target));
        };
    }

    private static int listIndex(List<?> list, Object key) throws CelEvaluationException {
        long index = switch (key) {
            case Long l -> l;
            case UnsignedLong u -> u.longValue();
            case Double d when d == Math.rint(d) -> d.longValue();
            default -> throw new CelEvaluationException(
                    "a list index must be an integer, got " + CelJson.typeName(key));
        };
        if (index < 0 || index >= list.size()) {
            throw new CelEvaluationException(
                    "list index " + index + " is out of bounds for a list of size " + list.size());
        }
        return (int) index;
    }

    private static final class Rewriter {
        private long nextId;

        Rewriter(long nextId) {
            this.nextId = nextId;
        }

        CelExpr rewrite(CelExpr e) {
            return switch (e.exprKind().getKind()) {
                case SELECT -> {
                    var select = e.select();
                    if (select.testOnly()) {
                        yield e;
                    }
                    CelExpr field = CelExpr.ofConstant(nextId++, CelConstant.ofValue(select.field()));
                    yield getCall(e.id(), rewrite(select.operand()), field);
                }
                case CALL -> {
                    var call = e.call();
                    ImmutableList<CelExpr> args = all(call.args());
                    if (call.function().equals("_[_]") && call.target().isEmpty()) {
                        yield getCall(e.id(), args.get(0), args.get(1));
                    }
                    yield CelExpr.ofCall(e.id(), call.target().map(this::rewrite), call.function(), args);
                }
                case LIST -> CelExpr.ofList(e.id(), all(e.list().elements()), e.list().optionalIndices());
                case MAP -> CelExpr.ofMap(e.id(), e.map().entries().stream()
                        .map(en -> CelExpr.ofMapEntry(en.id(), rewrite(en.key()), rewrite(en.value()), en.optionalEntry()))
                        .collect(ImmutableList.toImmutableList()));
                case COMPREHENSION -> {
                    var c = e.comprehension();
                    yield CelExpr.ofComprehension(e.id(), c.iterVar(), c.iterVar2(), rewrite(c.iterRange()),
                            c.accuVar(), rewrite(c.accuInit()), rewrite(c.loopCondition()),
                            rewrite(c.loopStep()), rewrite(c.result()));
                }
                default -> e;
            };
        }

        private ImmutableList<CelExpr> all(List<CelExpr> exprs) {
            return exprs.stream().map(this::rewrite).collect(ImmutableList.toImmutableList());
        }

        private static CelExpr getCall(long id, CelExpr target, CelExpr key) {
            return CelExpr.ofCall(id, Optional.empty(), FUNCTION, ImmutableList.of(target, key));
        }
    }
}
