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
 * @param item    whether {@code item} or {@code index} is read (outside a comprehension that binds the name)
 */
record StepReferences(Set<String> ids, boolean dynamic, boolean item) {

    private static final String STEPS = "steps";
    private static final Set<String> ITEM_VARIABLES = Set.of("item", "index");

    static StepReferences of(CelExpr root) {
        Set<String> ids = new TreeSet<>();
        boolean dynamic = false;
        boolean item = false;
        for (CelNavigableExpr node : CelNavigableExpr.fromExpr(root).allNodes().toList()) {
            CelExpr expr = node.expr();
            if (expr.exprKind().getKind() != CelExpr.ExprKind.Kind.IDENT) {
                continue;
            }
            if (ITEM_VARIABLES.contains(expr.ident().name()) && !boundByComprehension(node, expr.ident().name())) {
                item = true;
            }
            if (!expr.ident().name().equals(STEPS)) {
                continue;
            }
            String id = node.parent().map(parent -> literalStepId(parent.expr(), expr.id())).orElse(null);
            if (id == null) {
                dynamic = true;
            } else {
                ids.add(id);
            }
        }
        return new StepReferences(Set.copyOf(ids), dynamic, item);
    }

    /** Whether a comprehension around {@code node} (e.g. {@code list.map(item, ...)}) binds {@code name}. */
    private static boolean boundByComprehension(CelNavigableExpr node, String name) {
        CelNavigableExpr child = node;
        for (var up = node.parent(); up.isPresent(); child = up.get(), up = up.get().parent()) {
            CelExpr expr = up.get().expr();
            if (expr.exprKind().getKind() == CelExpr.ExprKind.Kind.COMPREHENSION) {
                var c = expr.comprehension();
                boolean inRange = c.iterRange().id() == child.expr().id();
                if (!inRange && (c.iterVar().equals(name) || c.accuVar().equals(name))) {
                    return true;
                }
            }
        }
        return false;
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
