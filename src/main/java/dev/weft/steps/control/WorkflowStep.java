package dev.weft.steps.control;

import dev.weft.steps.ChildRuns;
import dev.weft.steps.SchemaBackedStep;
import dev.weft.steps.StepContext;
import dev.weft.steps.StepResult;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * {@code workflow}: starts a child run of another workflow and hands the step over to the engine,
 * which keeps it {@code waiting} (no worker, thread or slot) until the child ends.
 */
@Component
public class WorkflowStep extends SchemaBackedStep {

    /** The same name as {@code dev.weft.definition.ChildWorkflow#TYPE}, which the definition check acts on. */
    public static final String TYPE = "workflow";

    private final ChildRuns children;

    public WorkflowStep(ChildRuns children) {
        super(TYPE);
        this.children = children;
    }

    @Override
    public StepResult execute(StepContext context) {
        JsonNode in = context.input();
        // workflowVersion, or its deprecated alias version (checked to agree when the definition was saved)
        Integer version = in.hasNonNull("workflowVersion") ? Integer.valueOf(in.get("workflowVersion").asInt())
                : in.hasNonNull("version") ? Integer.valueOf(in.get("version").asInt()) : null;
        JsonNode input = in.hasNonNull("input") ? in.get("input") : null;
        try {
            String childRunId = children.start(new ChildRuns.Request(context.appId(), context.runId(), context.stepId(),
                    context.firstStartedAt(), in.get("workflowSlug").asString(), version, input));
            return new StepResult.AwaitRun(childRunId);
        } catch (ChildRuns.Refused e) {
            return StepResult.permanent(e.code(), "step '" + context.stepId() + "': " + e.getMessage());
        }
    }
}
