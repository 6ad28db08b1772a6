package dev.weft.webhook;

import dev.weft.common.Json;
import dev.weft.store.RunRecord;
import dev.weft.store.StepRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The body of a run event: {@code {type, timestamp, data: {run...}}}. Steps carry their status,
 * attempts and error but not their output (the run's output is what receivers want, and step
 * outputs can be large); if the body is still over the limit the run's input and output are left
 * out and {@code data.truncated} says so: the run API has them.
 */
final class RunPayload {

    private RunPayload() {}

    /** @param baseUrl the service's public address: the run's {@code statusUrl} and artifact URLs are absolute */
    static String of(EventType type, RunRecord run, Instant timestamp, int maxBytes, String baseUrl) {
        String full = Json.write(envelope(type, run, timestamp, true, baseUrl));
        if (full.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
            return full;
        }
        return Json.write(envelope(type, run, timestamp, false, baseUrl));
    }

    /**
     * The body of a step-level event: {@code {type, timestamp, data: {runId, appId, workflowSlug,
     * workflowVersion, step: {id, status, error}}}}.
     */
    static String ofStep(EventType type, dev.weft.runs.StepEventListener.StepRun run,
                         dev.weft.runs.StepEventListener.StepEvent event, Instant timestamp) {
        ObjectNode envelope = head(type, timestamp, run.runId(), run.appId(), run.workflowSlug(), run.workflowVersion());
        ObjectNode step = ((ObjectNode) envelope.get("data")).putObject("step");
        step.put("id", event.stepId());
        step.put("status", type.wire().substring("step.".length()).replace("retrying", "queued"));
        if (event.error() != null) {
            ObjectNode error = step.putObject("error");
            error.put("code", event.error().code());
            error.put("message", event.error().message());
            error.put("retryable", event.error().retryable());
        }
        return Json.write(envelope);
    }

    /** {@code {type, timestamp, data: {runId, appId, workflowSlug, workflowVersion}}}, for run and step events alike. */
    private static ObjectNode head(EventType type, Instant timestamp, String runId, String appId, String workflowSlug,
                                   Integer workflowVersion) {
        ObjectNode envelope = Json.object();
        envelope.put("type", type.wire());
        envelope.put("timestamp", timestamp.toString());
        ObjectNode data = envelope.putObject("data");
        data.put("runId", runId);
        data.put("appId", appId);
        data.put("workflowSlug", workflowSlug);
        if (workflowVersion == null) {
            data.putNull("workflowVersion");
        } else {
            data.put("workflowVersion", workflowVersion);
        }
        return envelope;
    }

    private static ObjectNode envelope(EventType type, RunRecord run, Instant timestamp, boolean withDocuments,
                                       String baseUrl) {
        ObjectNode envelope = head(type, timestamp, run.id(), run.appId(), run.workflowSlug(), run.workflowVersion());
        ObjectNode data = (ObjectNode) envelope.get("data");
        data.put("status", run.status().wire());
        data.put("statusUrl", baseUrl + "/v1/workflows/runs/" + run.id());
        if (withDocuments) {
            data.set("input", orNull(run.input()));
            data.set("output", orNull(dev.weft.api.Urls.withAbsoluteArtifactUrls(run.output(), baseUrl)));
        } else {
            data.put("truncated", true);
        }
        data.set("error", orNull(run.error()));
        data.put("createdAt", text(run.createdAt()));
        data.put("startedAt", text(run.startedAt()));
        data.put("finishedAt", text(run.finishedAt()));
        ArrayNode steps = data.putArray("steps");
        java.util.Map<String, ObjectNode> byId = new java.util.HashMap<>();
        for (StepRecord s : run.steps()) {
            if (s.isItem()) {
                continue;
            }
            ObjectNode step = steps.addObject();
            step.put("id", s.stepId());
            step.put("status", s.status().wire());
            step.put("attempts", s.attempt());
            step.set("error", orNull(s.error()));
            byId.put(s.stepId(), step);
        }
        // a forEach step's items are counted by status, not listed: the run view has each of them
        for (StepRecord s : run.steps()) {
            ObjectNode step = s.isItem() ? byId.get(dev.weft.engine.FanOut.stepOf(s.stepId())) : null;
            if (step != null) {
                ObjectNode counts = step.has("itemCounts") ? (ObjectNode) step.get("itemCounts") : step.putObject("itemCounts");
                counts.put(s.status().wire(), counts.path(s.status().wire()).asInt(0) + 1);
            }
        }
        return envelope;
    }

    private static JsonNode orNull(JsonNode node) {
        return node == null ? Json.MAPPER.nullNode() : node;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
