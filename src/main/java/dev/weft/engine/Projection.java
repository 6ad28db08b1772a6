package dev.weft.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's state after decisions, computed without a store: what the store's writes amount to, as a
 * pure function, each change checked by {@link Transitions}. For planning ahead (dry runs) and for
 * tests that walk the decider through a run.
 */
public final class Projection {

    private Projection() {}

    /** The state after {@code decisions}. */
    public static RunState apply(RunState run, List<Decision> decisions) {
        RunStatus status = run.status();
        Map<String, StepState> steps = new LinkedHashMap<>(run.steps());
        List<RunState.Signal> signals = new java.util.ArrayList<>(run.signals());
        for (Decision d : decisions) {
            switch (d) {
                case Decision.StartRun s -> status = run(run, status, RunStatus.RUNNING);
                case Decision.ReopenRun r -> status = run(run, status, RunStatus.RUNNING);
                case Decision.CompleteRun c -> status = run(run, status, RunStatus.COMPLETED);
                case Decision.FailRun f -> status = run(run, status, RunStatus.FAILED);
                case Decision.CancelRun c -> status = run(run, status, RunStatus.CANCELLED);
                case Decision.QueueStep q -> step(run, steps, q.stepId(), StepStatus.QUEUED, null, null, null, null);
                case Decision.SkipStep s -> step(run, steps, s.stepId(), StepStatus.SKIPPED, null, null, null, null);
                case Decision.RecordSuccess r -> step(run, steps, r.stepId(), StepStatus.SUCCEEDED, null, null, r.output(), null);
                case Decision.RecordFailure f -> step(run, steps, f.stepId(), StepStatus.FAILED, null, null, null, f.error());
                case Decision.ScheduleRetry r -> step(run, steps, r.stepId(), StepStatus.QUEUED, null, null, null, r.error());
                case Decision.RequeueInterrupted r -> {
                    StepState s = steps.get(r.stepId());
                    step(run, steps, r.stepId(), StepStatus.QUEUED, s.attempt() - 1, s.interruptions() + 1, null, null);
                }
                case Decision.DeferStep r -> {
                    StepState s = steps.get(r.stepId());
                    step(run, steps, r.stepId(), StepStatus.QUEUED, s.attempt() - 1, null, null, null);
                }
                case Decision.CancelStep c -> step(run, steps, c.stepId(), StepStatus.CANCELLED, null, null, null, null);
                case Decision.AwaitSignal a -> step(run, steps, a.stepId(), StepStatus.WAITING, null, null, null, null);
                case Decision.AwaitChildRun a -> {
                    step(run, steps, a.stepId(), StepStatus.WAITING, null, null, null, null);
                    StepState s = steps.get(a.stepId());
                    steps.put(a.stepId(), new StepState(s.id(), s.status(), s.attempt(), s.interruptions(), s.output(),
                            s.error(), s.item(), a.childRunId()));
                }
                case Decision.ConsumeSignal c -> signals.removeIf(signal -> signal.id() == c.signalId());
                case Decision.ResetStep r -> {
                    StepState s = steps.get(r.stepId());
                    Transitions.checkStep(run.runId(), r.stepId(), s.status(), StepStatus.PENDING);
                    steps.put(r.stepId(), new StepState(r.stepId(), StepStatus.PENDING, s.attempt(), 0, null, null, s.item(),
                            null, s.attempt()));
                }
                case Decision.DropItems drop -> drop.itemIds().forEach(steps::remove);
                case Decision.ExpandItems e -> {
                    step(run, steps, e.stepId(), StepStatus.RUNNING, null, null, null, null);
                    for (int i = 0; i < e.items().size(); i++) {
                        String id = FanOut.itemId(e.stepId(), i);
                        steps.put(id, new StepState(id, StepStatus.PENDING, 0, 0, null, null, e.items().get(i)));
                    }
                }
            }
        }
        return new RunState(run.runId(), status, run.definition(), run.input(), run.meta(), steps, run.deadline(),
                signals);
    }

    /** The state after a worker claimed a queued step: running, one more attempt. */
    public static RunState claim(RunState run, String stepId) {
        Map<String, StepState> steps = new LinkedHashMap<>(run.steps());
        StepState s = steps.get(stepId);
        step(run, steps, stepId, StepStatus.RUNNING, s.attempt() + 1, null, null, null);
        return new RunState(run.runId(), run.status(), run.definition(), run.input(), run.meta(), steps, run.deadline(),
                run.signals());
    }

    private static RunStatus run(RunState run, RunStatus from, RunStatus to) {
        Transitions.checkRun(run.runId(), from, to);
        return to;
    }

    private static void step(RunState run, Map<String, StepState> steps, String stepId, StepStatus to, Integer attempt,
                             Integer interruptions, tools.jackson.databind.JsonNode output, StepError error) {
        StepState s = steps.get(stepId);
        Transitions.checkStep(run.runId(), stepId, s.status(), to);
        steps.put(stepId, new StepState(stepId, to, attempt == null ? s.attempt() : attempt,
                interruptions == null ? s.interruptions() : interruptions,
                output != null ? output : (to == StepStatus.SUCCEEDED ? s.output() : null),
                error != null ? error : (to == StepStatus.QUEUED || to == StepStatus.FAILED ? s.error() : null),
                s.item(), s.childRunId()));
    }
}
