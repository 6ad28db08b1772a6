package dev.weft.runs;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What {@code POST /v1/workflows/run?dryRun=true} answers: the run as it would go, nothing stored.
 *
 * @param outcome           {@code completed} or {@code failed}: how the run would end if every step did
 *                          as its sample says
 * @param waves             step ids by wave: the steps of one wave run in parallel
 * @param output            the run's output (built from samples when {@code outputFromSamples})
 * @param error             why the run would fail, when it would
 * @param notes             how to read the plan
 */
public record DryRunPlan(boolean dryRun, String workflowSlug, Integer workflowVersion, JsonNode input, String outcome,
                         List<List<String>> waves, List<StepPlan> steps, JsonNode output, boolean outputFromSamples,
                         Problem error, List<String> notes) {

    /**
     * One step's part.
     *
     * @param status       {@code would run}, {@code would be skipped}, {@code would fail}, {@code fallback}
     *                     or {@code not reached}
     * @param wave         the wave it runs in, or null when it does not run
     * @param input        its input as the worker would render it, where it runs
     * @param fromSamples  whether the input reads an earlier step's output (a sample here)
     * @param samplesFrom  the steps whose (sample) outputs the input reads
     * @param problems     what would fail: an expression that cannot be evaluated, an input its type refuses
     * @param sampleOutput the sample of its type's output schema the plan continues with
     * @param reason       why it is skipped, a fallback or not reached
     * @param settings     retries, time-out and error policy
     * @param forEach      for a {@code forEach} step, its list as planned; its {@code input} is then the
     *                     first item's
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record StepPlan(String id, String type, String status, Integer wave, List<String> dependsOn,
                           Condition when, JsonNode input, boolean fromSamples, List<String> samplesFrom,
                           List<String> problems, JsonNode sampleOutput, String reason, Map<String, Object> settings,
                           FanOutPlan forEach) {

        public StepPlan(String id, String type, String status, Integer wave, List<String> dependsOn, Condition when,
                        JsonNode input, boolean fromSamples, List<String> samplesFrom, List<String> problems,
                        JsonNode sampleOutput, String reason, Map<String, Object> settings) {
            this(id, type, status, wave, dependsOn, when, input, fromSamples, samplesFrom, problems, sampleOutput,
                    reason, settings, null);
        }
    }

    /**
     * A {@code forEach} step's list.
     *
     * @param expression     the {@code forEach} expression
     * @param items          how many items it gives (from a sample when {@code fromSamples})
     * @param fromSamples    whether the list is read from an earlier step's (sample) output
     * @param maxConcurrency items running at once
     * @param onItemError    {@code fail} or {@code continue}
     */
    public record FanOutPlan(String expression, int items, boolean fromSamples, int maxConcurrency, String onItemError) {}

    /**
     * @param value       its value where the plan evaluated it, else null
     * @param fromSamples whether it reads an earlier step's output
     */
    public record Condition(String expression, Boolean value, boolean fromSamples) {}

    public record Problem(String code, String message) {}
}
