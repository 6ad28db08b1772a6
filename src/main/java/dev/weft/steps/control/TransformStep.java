package dev.weft.steps.control;

import dev.weft.steps.StepContext;
import dev.weft.steps.StepResult;
import dev.weft.steps.SchemaBackedStep;
import org.springframework.stereotype.Component;

/** {@code transform}: its output is its input, after the engine evaluated the expressions in it. */
@Component
public class TransformStep extends SchemaBackedStep {

    public static final String TYPE = "transform";

    public TransformStep() {
        super(TYPE);
    }

    @Override
    public StepResult execute(StepContext context) {
        return StepResult.ok(context.input().deepCopy());
    }
}
