package dev.weft.definition;

import dev.weft.common.ValidationException;
import java.util.List;

/** A definition that failed validation, with every error found (not just the first). */
public class InvalidDefinitionException extends ValidationException {

    private final List<DefinitionError> errors;

    public InvalidDefinitionException(List<DefinitionError> errors) {
        super("invalid-definition", "Invalid workflow definition", summary(errors), errors);
        this.errors = List.copyOf(errors);
    }

    public List<DefinitionError> errors() {
        return errors;
    }

    private static String summary(List<DefinitionError> errors) {
        if (errors.size() == 1) {
            DefinitionError e = errors.getFirst();
            return (e.step() != null ? "step '" + e.step() + "', " : "") + "field '" + e.field() + "': " + e.message();
        }
        return errors.size() + " problems in the workflow definition";
    }
}
