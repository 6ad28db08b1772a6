package dev.weft.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The API's request and answer shapes, as records (unknown fields in answers are ignored). */
public final class Model {

    private Model() {}

    /**
     * A run to start: a stored workflow ({@link #of(String)}) or an inline plan
     * ({@link #ofPlan(JsonNode)}), with its input and the optional settings of the API.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StartRun(String workflowSlug, JsonNode plan, Integer workflowVersion, Object input, String webhookUrl,
                           String idempotencyKey, Integer priority, Budget budget) {

        public static StartRun of(String workflowSlug) {
            return new StartRun(workflowSlug, null, null, Map.of(), null, null, null, null);
        }

        public static StartRun ofPlan(JsonNode plan) {
            return new StartRun(null, plan, null, Map.of(), null, null, null, null);
        }

        /** The run's input: a map, a record, or a JsonNode that writes as a JSON object. */
        public StartRun input(Object value) {
            return new StartRun(workflowSlug, plan, workflowVersion, value, webhookUrl, idempotencyKey, priority, budget);
        }

        public StartRun version(int version) {
            return new StartRun(workflowSlug, plan, version, input, webhookUrl, idempotencyKey, priority, budget);
        }

        public StartRun webhookUrl(String url) {
            return new StartRun(workflowSlug, plan, workflowVersion, input, url, idempotencyKey, priority, budget);
        }

        /** The same key and body give the same run; the same key with another body is a 409. */
        public StartRun idempotencyKey(String key) {
            return new StartRun(workflowSlug, plan, workflowVersion, input, webhookUrl, key, priority, budget);
        }

        /** 0 to 9, higher first when steps wait for execution slots. */
        public StartRun priority(int value) {
            return new StartRun(workflowSlug, plan, workflowVersion, input, webhookUrl, idempotencyKey, value, budget);
        }

        public StartRun maxCostUsd(double usd) {
            return new StartRun(workflowSlug, plan, workflowVersion, input, webhookUrl, idempotencyKey, priority,
                    new Budget(usd));
        }
    }

    public record Budget(double maxCostUsd) {}

    /** The answer to starting a run. */
    public record Started(String runId, String status, String statusUrl, String workflowSlug, Integer workflowVersion,
                          Instant createdAt, boolean idempotentReplay) {}

    /** Token counts and estimated cost of a run's AI steps. */
    public record Usage(long inputTokens, long outputTokens, int images, double costUsd) {}

    /** A step of a run (or an item of a forEach step). */
    public record Step(String id, String type, String status, int attempts, JsonNode input, JsonNode output,
                       JsonNode error, String reason, Instant queuedAt, Instant startedAt, Instant finishedAt,
                       Long durationMs, Instant nextAttemptAt, Integer index, JsonNode item,
                       Map<String, Integer> itemCounts, List<Step> items, String childRunId, Boolean cached,
                       CachedFrom cachedFrom) {

        /** Whether the output was reused from the step result cache (no call made). */
        public boolean isCached() {
            return Boolean.TRUE.equals(cached);
        }
    }

    /** The run and step whose stored output a cached step reused. */
    public record CachedFrom(String runId, String stepId, String runUrl, double savedUsd) {}

    /** A run as the API shows it; {@code steps} is null in listings. */
    public record Run(String runId, String appId, String workflowSlug, Integer workflowVersion, String status,
                      JsonNode input, JsonNode output, JsonNode error, String webhookUrl, Instant createdAt,
                      Instant startedAt, Instant finishedAt, Long durationMs, String statusUrl, Usage usage,
                      String scheduleId, String parentRunId, int priority, String statusReason, List<Step> steps) {

        /** Whether the run has ended: completed, failed or cancelled. */
        public boolean isFinished() {
            return "completed".equals(status) || "failed".equals(status) || "cancelled".equals(status);
        }

        /** The step with this id; throws when the run has none (or was read from a listing). */
        public Step step(String id) {
            if (steps != null) {
                for (Step s : steps) {
                    if (s.id().equals(id)) {
                        return s;
                    }
                }
            }
            throw new IllegalArgumentException("run " + runId + " has no step '" + id + "'");
        }
    }

    /** One page of runs and the cursor of the next (null on the last). */
    public record RunPage(List<Run> runs, String nextCursor) {}

    /** An entry of a run's history. */
    public record Event(long id, String type, String stepId, Integer attempt, JsonNode data, Instant at) {}

    public record EventPage(List<Event> events, long nextAfter) {}

    /** The answer to a signal: the step that took it, or {@code pending} when it is kept for a step not reached yet. */
    public record SignalAccepted(String runId, String signal, long signalId, String consumedBy, boolean pending) {}

    /** What to fix when resuming a failed run (all optional). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Resume(JsonNode input, Map<String, StepFix> steps, String from) {

        public static Resume failedSteps() {
            return new Resume(null, null, null);
        }

        /** Runs this step and every step after it again, even when they succeeded. */
        public static Resume from(String stepId) {
            return new Resume(null, null, stepId);
        }

        /** A JSON merge patch of the run's input. */
        public Resume withInput(JsonNode patch) {
            return new Resume(patch, steps, from);
        }

        public Resume withStepInput(String stepId, JsonNode stepInput) {
            Map<String, StepFix> all = new java.util.LinkedHashMap<>(steps == null ? Map.of() : steps);
            all.put(stepId, new StepFix(stepInput));
            return new Resume(input, all, from);
        }
    }

    public record StepFix(JsonNode input) {}

    /** One item's result in a batch: a started run, or the problem that refused it. */
    public record BatchResult(int index, int status, String runId, String statusUrl, Boolean idempotentReplay,
                              String type, String title, String detail, List<Map<String, Object>> errors) {

        public boolean started() {
            return runId != null;
        }
    }

    public record BatchStarted(int accepted, int refused, List<BatchResult> results) {}

    /** A stored workflow version. */
    public record Workflow(String slug, Integer version, Instant createdAt, boolean builtIn, JsonNode definition) {}

    /** The filters of a run listing (all optional). */
    public record RunQuery(String status, String workflowSlug, Instant createdAfter, Instant createdBefore,
                           String parentRunId, int pageSize) {

        public static RunQuery all() {
            return new RunQuery(null, null, null, null, null, 50);
        }

        public RunQuery status(String value) {
            return new RunQuery(value, workflowSlug, createdAfter, createdBefore, parentRunId, pageSize);
        }

        public RunQuery workflow(String slug) {
            return new RunQuery(status, slug, createdAfter, createdBefore, parentRunId, pageSize);
        }

        public RunQuery createdAfter(Instant at) {
            return new RunQuery(status, workflowSlug, at, createdBefore, parentRunId, pageSize);
        }

        public RunQuery createdBefore(Instant at) {
            return new RunQuery(status, workflowSlug, createdAfter, at, parentRunId, pageSize);
        }

        public RunQuery childrenOf(String runId) {
            return new RunQuery(status, workflowSlug, createdAfter, createdBefore, runId, pageSize);
        }

        public RunQuery pageSize(int size) {
            return new RunQuery(status, workflowSlug, createdAfter, createdBefore, parentRunId, size);
        }
    }
}
