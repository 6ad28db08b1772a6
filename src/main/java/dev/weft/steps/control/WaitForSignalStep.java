package dev.weft.steps.control;

import dev.weft.steps.SchemaBackedStep;
import dev.weft.steps.StepContext;
import dev.weft.steps.StepResult;
import org.springframework.stereotype.Component;

/**
 * {@code wait_for_signal}: the engine itself waits for the signal (the decider puts the step in
 * {@code waiting}, a signal or its time-out ends the wait), so no worker ever executes it. This
 * handler is here for the catalogue and the definition check; executing it is a bug it reports.
 */
@Component
public class WaitForSignalStep extends SchemaBackedStep {

    /** The same name as {@code dev.weft.definition.SignalWait#TYPE}, which the engine acts on. */
    public static final String TYPE = "wait_for_signal";

    public WaitForSignalStep() {
        super(TYPE);
    }

    @Override
    public StepResult execute(StepContext context) {
        return StepResult.permanent("NOT_EXECUTABLE", "step '" + context.stepId()
                + "': wait_for_signal is handled by the engine and is never given to a worker");
    }
}
