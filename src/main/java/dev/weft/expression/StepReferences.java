package dev.weft.expression;

import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableExpr;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the step ids an expression reads by walking its syntax tree, so that a string literal
 * such as {@code "steps.x"} does not count.
 *
 * @param ids     ids read as {@code steps.<id>}, {@code steps["<id>"]} or {@code has(steps.<id>)}
 * @param dynamic whether {@code steps} appears anywhere else (as a whole or with a computed key)
 */
record StepReferences(Set<String> ids, boolean dynamic) {

    private static final String STEPS = "steps";

    static StepReferences of(CelExpr root) {
        Set<String> ids = new TreeSet<>();
        boolean dynamic = false;
        for (CelNavigableExpr node : CelNavigableExpr.fromExpr(root).allNodes().toList()) {
            CelExpr expr = node.expr();
            if (expr.exprKind().getKind() != CelExpr.ExprKind.Kind.IDENT || !expr.ident().name().equals(STEPS)) {
                continue;
            }
            String id = node.parent().map(parent -> literalStepId(parent.expr(), expr.id())).orElse(null);
            if (id == null) {
                dynamic = true;
            } else {
                ids.add(id);
            }
        }
        return new StepReferences(Set.copyOf(ids), dynamic);
    }

    /** The id when {@code parent} reads a literal key of the {@code steps} node, else null. */
    private static String literalStepId(CelExpr parent, long stepsId) {
        switch (parent.exprKind().getKind()) {
            case SELECT -> {
                return parent.select().operand().id() == stepsId ? parent.select().field() : null;
            }
            case CALL -> {
                var call = parent.call();
                boolean index = call.function().equals("_[_]") || call.function().equals("_[?_]")
                        || call.function().equals("_?._");
                if (index && call.target().isEmpty() && call.args().get(0).id() == stepsId) {
                    CelExpr key = call.args().get(1);
                    if (key.exprKind().getKind() == CelExpr.ExprKind.Kind.CONSTANT
                            && key.constant().getKind() == CelConstant.Kind.STRING_VALUE) {
                        return key.constant().stringValue();
                    }
                }
                return null;
            }
            default -> {
                return null;
            }
        }
    }
}
