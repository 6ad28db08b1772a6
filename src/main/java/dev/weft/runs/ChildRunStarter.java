package dev.weft.runs;

import dev.weft.common.ConflictException;
import dev.weft.common.InvalidFieldException;
import dev.weft.common.Limits;
import dev.weft.common.NotFoundException;
import dev.weft.common.ValidationException;
import dev.weft.steps.ChildRuns;
import dev.weft.store.Lineage;
import dev.weft.store.RunRecord;
import dev.weft.store.RunStore;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Starts the child runs of {@code workflow} steps as runs of the same app, one per execution of the
 * step: the idempotency key names the parent run, the step and when its execution started, so a
 * retry or a re-run after a crash finds the child it started instead of starting another.
 */
@Component
public class ChildRunStarter implements ChildRuns {

    private final RunService runs;
    private final RunStore store;
    private final Limits limits;

    /** Lazy: the run service reaches the step types (through the definitions), and one of them is this port's user. */
    public ChildRunStarter(@Lazy RunService runs, RunStore store, Limits limits) {
        this.runs = runs;
        this.store = store;
        this.limits = limits;
    }

    @Override
    public String start(Request request) {
        RunRecord parent = store.find(request.appId(), request.parentRunId(), false)
                .orElseThrow(() -> new Refused("RUN_NOT_FOUND", "run " + request.parentRunId() + " disappeared"));
        int depth = parent.lineage().depth() + 1;
        if (depth > limits.maxWorkflowDepth()) {
            throw new Refused("WORKFLOW_DEPTH_EXCEEDED", "calling '" + request.workflowSlug() + "' would nest runs "
                    + depth + " deep; the limit is " + limits.maxWorkflowDepth() + " (weft.limits.max-workflow-depth)");
        }
        String key = "weft-child:" + request.parentRunId() + "/" + request.parentStepId() + "@"
                + request.executionStartedAt().toEpochMilli();
        // the child runs at its parent's priority
        RunRequest child = new RunRequest(null, request.workflowSlug(), null, request.version(), request.input(), null,
                key, null, null, parent.admission().priority());
        try {
            return runs.submit(request.appId(), child,
                    Lineage.childOf(request.parentRunId(), request.parentStepId(), parent.lineage().depth())).run().id();
        } catch (NotFoundException e) {
            throw new Refused("UNKNOWN_WORKFLOW", e.getMessage());
        } catch (ValidationException e) {
            throw new Refused("INVALID_CHILD_INPUT", "the input of '" + request.workflowSlug() + "' is refused: "
                    + e.getMessage());
        } catch (InvalidFieldException e) {
            throw new Refused("INVALID_CHILD_INPUT", "the input of '" + request.workflowSlug() + "' is refused: "
                    + e.field() + " " + e.getMessage());
        } catch (ConflictException e) {
            throw new Refused("CHILD_RUN_CONFLICT", e.getMessage());
        }
    }
}
