package dev.weft.runs;

import dev.weft.definition.SignalWait;
import dev.weft.definition.StepDefinition;
import dev.weft.definition.WorkflowDefinition;
import dev.weft.engine.RunStatus;
import dev.weft.engine.StepStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/** Which signals a run waits for: the API's signal check and the console's signal form ask the same question. */
public final class SignalWaits {

    private SignalWaits() {}

    /**
     * The signal of each wait_for_signal step that has not finished, by step id in definition
     * order; of a failed run, also those that failed or were cancelled (a resume runs them again).
     */
    public static Map<String, String> awaited(WorkflowDefinition definition, RunStatus run, Map<String, StepStatus> steps) {
        Map<String, String> waits = new LinkedHashMap<>();
        for (StepDefinition def : definition.steps()) {
            StepStatus s = steps.get(def.id());
            boolean open = s != null && (!s.isTerminal()
                    || (run == RunStatus.FAILED && (s == StepStatus.FAILED || s == StepStatus.CANCELLED)));
            if (open) {
                SignalWait.of(def).ifPresent(w -> waits.put(def.id(), w.signal()));
            }
        }
        return waits;
    }
}
