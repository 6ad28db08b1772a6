package dev.weft.expression;

import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import dev.cel.runtime.CelRuntime;
import java.util.Set;

/** The outcome of compiling one expression; cached, so both outcomes are immutable. */
sealed interface Compilation {

    String source();

    /**
     * @param resultType   the type CEL's checker inferred, before the missing-field rewrite
     * @param program      evaluates the rewritten expression
     * @param steps        step ids read as {@code steps.<id>} or {@code steps["<id>"]}
     * @param dynamicSteps whether {@code steps} is also used some other way (whole, or by a
     *                     computed key), which hides what the expression depends on
     * @param readsItem    whether it reads {@code item} or {@code index}, which only the items of a
     *                     {@code forEach} step have
     */
    record Compiled(String source, CelType resultType, CelRuntime.Program program, Set<String> steps,
                    boolean dynamicSteps, boolean readsItem) implements Compilation {

        boolean mayBeBoolean() {
            return resultType.kind() == CelKind.BOOL || resultType.kind() == CelKind.DYN;
        }
    }

    record Invalid(String source, String message) implements Compilation {}
}
