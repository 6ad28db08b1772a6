package dev.weft.runs.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import dev.weft.engine.FanOut;
import dev.weft.engine.StepStatus;
import dev.weft.store.RunRecord;
import dev.weft.store.StepRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** A run as the API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunView(String runId, String appId, String workflowSlug, Integer workflowVersion,
                      @Schema(allowableValues = {"pending", "running", "completed", "failed", "cancelled"},
                              description = "pending: accepted, not started (statusReason says why when it waits for a"
                                      + " concurrency slot)") String status,
                      JsonNode input, JsonNode output,
                      @Schema(implementation = ErrorView.class, description = "why the run failed; names the failed step once")
                      JsonNode error, String webhookUrl, Instant createdAt,
                      Instant startedAt, Instant finishedAt, Instant deadline, Long durationMs, String statusUrl,
                      String eventsUrl, Usage usage, String scheduleId, String parentRunId, String parentStepId,
                      String parentRunUrl, int priority, String concurrencyKey, String statusReason,
                      List<StepView> steps) {

    /** A run's or a step's error, as stored; for the OpenAPI description. */
    @Schema(name = "RunError")
    public record ErrorView(@Schema(example = "STEP_TIMEOUT") String code,
                            @Schema(example = "step 'write' failed: did not finish within PT30S") String message,
                            @Schema(description = "whether another attempt could succeed") boolean retryable) {}

    /**
     * Totals over the run's AI steps, from each step's {@code output.usage}; {@code costUsd} is the sum of the
     * estimates that have a price. Null when no step reported usage.
     */
    public record Usage(long inputTokens, long outputTokens, int images, double costUsd) {

        static Usage of(List<StepRecord> steps) {
            long in = 0;
            long out = 0;
            int images = 0;
            double cost = 0;
            boolean any = false;
            for (StepRecord s : steps) {
                JsonNode u = s.output() == null ? null : s.output().get("usage");
                if (u != null && u.isObject()) {
                    any = true;
                    in += u.path("inputTokens").asLong(0);
                    out += u.path("outputTokens").asLong(0);
                    images += u.path("images").asInt(0);
                    cost += u.path("costUsd").asDouble(0);
                }
            }
            return any ? new Usage(in, out, images, Math.round(cost * 1_000_000) / 1_000_000.0) : null;
        }
    }

    /**
     * One step of a run, or one item of a {@code forEach} step. {@code nextAttemptAt} is set while a
     * retry or delay is waiting. A {@code forEach} step lists its items in order ({@code items}),
     * how many are in each status ({@code itemCounts}) and the errors of those that failed
     * ({@code itemErrors}, which with {@code onItemError: continue} are the null entries of its
     * output); an item shows its {@code index} and the {@code item} it works on.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StepView(String id, String type,
                           @Schema(allowableValues = {"pending", "queued", "running", "waiting", "succeeded", "failed",
                                   "skipped", "cancelled"}, description = "waiting: for a signal or a child run, holding no"
                                   + " worker; a forEach step is running while its items run") String status,
                           int attempts, Integer interruptions, JsonNode input,
                           JsonNode output, @Schema(implementation = ErrorView.class) JsonNode error, String reason,
                           Instant queuedAt, Instant startedAt,
                           Instant finishedAt, Long durationMs, Instant nextAttemptAt, Integer index, JsonNode item,
                           Map<String, Integer> itemCounts, List<ItemError> itemErrors, List<StepView> items,
                           String childRunId, String childRunUrl,
                           @Schema(description = "true when the output was reused from the step result cache "
                                   + "(the step's cache field): no call was made, nothing was spent") Boolean cached,
                           CachedFrom cachedFrom) {

        StepView withChildUrl(String baseUrl, Map<String, dev.weft.cache.StepResultCache.Hit> hits) {
            List<StepView> linkedItems = items == null ? null : items.stream().map(i -> i.withChildUrl(baseUrl, hits)).toList();
            var hit = hits.get(id);
            return new StepView(id, type, status, attempts, interruptions,
                    dev.weft.api.Urls.withAbsoluteArtifactUrls(input, baseUrl),
                    dev.weft.api.Urls.withAbsoluteArtifactUrls(output, baseUrl), error, reason, queuedAt,
                    startedAt, finishedAt, durationMs, nextAttemptAt, index, item, itemCounts, itemErrors, linkedItems,
                    childRunId, childRunId == null ? null : baseUrl + "/v1/workflows/runs/" + childRunId,
                    hit == null ? null : true, hit == null ? null : new CachedFrom(hit.sourceRunId(), hit.sourceStepId(),
                            baseUrl + "/v1/workflows/runs/" + hit.sourceRunId(), hit.savedUsd()));
        }
    }

    /** The run and step whose stored output a cached step reused, and what reusing it saved. */
    public record CachedFrom(String runId, String stepId, String runUrl, double savedUsd) {}

    /** The error of one failed item of a {@code forEach} step. */
    public record ItemError(int index, String code, String message) {}

    static RunView of(RunRecord r, String baseUrl, boolean withDetails, Map<String, Integer> stepOrder) {
        return of(r, baseUrl, withDetails, stepOrder, Map.of());
    }

    static RunView of(RunRecord r, String baseUrl, boolean withDetails, Map<String, Integer> stepOrder,
                      Map<String, dev.weft.cache.StepResultCache.Hit> hits) {
        List<StepView> steps = withDetails ? steps(r.steps(), stepOrder) : null;
        String self = baseUrl + "/v1/workflows/runs/" + r.id();
        return new RunView(r.id(), r.appId(), r.workflowSlug(), r.workflowVersion(), r.status().wire(),
                withDetails ? r.input() : null, dev.weft.api.Urls.withAbsoluteArtifactUrls(r.output(), baseUrl), r.error(), r.webhookUrl(), r.createdAt(), r.startedAt(),
                r.finishedAt(), r.deadline(), millis(r.startedAt(), r.finishedAt()), self, self + "/events", Usage.of(r.steps()),
                r.scheduleId(), r.lineage().parentRunId(), r.lineage().parentStepId(),
                r.lineage().isChild() ? baseUrl + "/v1/workflows/runs/" + r.lineage().parentRunId() : null,
                r.admission().priority(), r.admission().concurrencyKey(), r.admission().statusReason(),
                steps(r, baseUrl, steps, hits));
    }

    /** The steps in definition order, each {@code forEach} step with its items nested under it. */
    private static List<StepView> steps(List<StepRecord> records, Map<String, Integer> stepOrder) {
        Map<String, List<StepRecord>> itemsByStep = new java.util.HashMap<>();
        for (StepRecord s : records) {
            if (s.isItem()) {
                itemsByStep.computeIfAbsent(FanOut.stepOf(s.stepId()), k -> new java.util.ArrayList<>()).add(s);
            }
        }
        return records.stream()
                .filter(s -> !s.isItem())
                .sorted(Comparator.comparing(s -> stepOrder.getOrDefault(s.stepId(), Integer.MAX_VALUE)))
                .map(s -> step(s, itemsByStep.get(s.stepId())))
                .toList();
    }

    private static StepView step(StepRecord s, List<StepRecord> items) {
        Instant next = s.status() == StepStatus.QUEUED && s.availableAt() != null && s.attempt() > 0 ? s.availableAt() : null;
        if (s.status() == StepStatus.QUEUED && s.statusReason() != null && s.statusReason().startsWith("waiting")) {
            next = s.availableAt();
        }
        Map<String, Integer> counts = null;
        List<ItemError> errors = null;
        List<StepView> itemViews = null;
        if (items != null) {
            items.sort(Comparator.comparingInt(i -> FanOut.indexOf(i.stepId())));
            counts = new java.util.TreeMap<>();
            errors = new java.util.ArrayList<>();
            for (StepRecord item : items) {
                counts.merge(item.status().wire(), 1, Integer::sum);
                if (item.status() == StepStatus.FAILED && item.error() != null) {
                    errors.add(new ItemError(FanOut.indexOf(item.stepId()), item.error().path("code").asString(""),
                            item.error().path("message").asString("")));
                }
            }
            itemViews = items.stream().map(i -> step(i, null)).toList();
        }
        boolean isItem = s.isItem();
        return new StepView(s.stepId(), s.type(), s.status().wire(), s.attempt(),
                s.interruptions() == 0 ? null : s.interruptions(), s.input(), s.output(), s.error(), s.statusReason(),
                s.queuedAt(), s.firstStartedAt(), s.finishedAt(), millis(s.firstStartedAt(), s.finishedAt()), next,
                isItem ? FanOut.indexOf(s.stepId()) : null, isItem ? s.item() : null, counts, errors, itemViews,
                s.childRunId(), null, null, null);
    }

    private static List<StepView> steps(RunRecord r, String baseUrl, List<StepView> steps,
                                        Map<String, dev.weft.cache.StepResultCache.Hit> hits) {
        return steps == null ? null : steps.stream().map(s -> s.withChildUrl(baseUrl, hits)).toList();
    }

    private static Long millis(Instant from, Instant to) {
        return from == null || to == null ? null : Duration.between(from, to).toMillis();
    }
}
