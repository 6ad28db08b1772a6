package dev.weft.expression;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import java.util.List;

/**
 * The strings extension's {@code list.join()} and {@code list.join(separator)}, with the result's
 * length computed before it is built: a join multiplies its separator by the list's length, so
 * checking only what it returned would let it fill memory first.
 */
final class BoundedJoin {

    private BoundedJoin() {}

    static CelFunctionDecl declaration() {
        ListType strings = ListType.create(SimpleType.STRING);
        return CelFunctionDecl.newFunctionDeclaration("join",
                CelOverloadDecl.newMemberOverload("list_join", SimpleType.STRING, strings),
                CelOverloadDecl.newMemberOverload("list_join_string", SimpleType.STRING, strings, SimpleType.STRING));
    }

    static List<CelFunctionBinding> bindings(long maxValueSize) {
        return List.of(
                CelFunctionBinding.from("list_join", List.class, list -> join(list, "", maxValueSize)),
                CelFunctionBinding.from("list_join_string", List.class, String.class,
                        (list, separator) -> join(list, separator, maxValueSize)));
    }

    private static String join(List<?> list, String separator, long maxValueSize) throws CelEvaluationException {
        long length = list.isEmpty() ? 0 : (long) separator.length() * (list.size() - 1);
        for (Object element : list) {
            if (!(element instanceof String s)) {
                throw new CelEvaluationException("join needs a list of strings, found " + CelJson.typeName(element));
            }
            length += s.length();
            if (length > maxValueSize) {
                break;
            }
        }
        if (length > maxValueSize) {
            throw new ValueSize.TooLarge("join would build a string of " + length
                    + " characters or more, larger than the limit of " + maxValueSize);
        }
        StringBuilder joined = new StringBuilder((int) length);
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                joined.append(separator);
            }
            joined.append((String) list.get(i));
        }
        return joined.toString();
    }
}
