package dev.weft.console.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.weft.auth.AuthenticatedApp;
import dev.weft.common.Json;
import dev.weft.console.DagLayout;
import dev.weft.console.RunPicture;
import dev.weft.definition.DefinitionService;
import dev.weft.definition.WorkflowDefinition;
import dev.weft.engine.RunStatus;
import dev.weft.providers.usage.UsageLedger;
import dev.weft.runs.web.ResumeRequest;
import dev.weft.runs.web.RunController;
import dev.weft.runs.web.RunResponses;
import dev.weft.runs.web.RunView;
import dev.weft.runs.web.StartRunRequest;
import dev.weft.store.RunEventRecord;
import dev.weft.store.RunRecord;
import dev.weft.store.RunStore;
import dev.weft.streams.RunStreams;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import dev.weft.common.InvalidFieldException;

/**
 * The runs list and the run page. Reads and actions go through the API's own controller methods
 * with the session's app, after the same scope check the API makes, so the console shows and
 * does exactly what the signed-in key could through the API.
 */
@Controller
@RequestMapping("/console/runs")
public class RunPages {

    static final int PAGE = 25;
    /** History entries the run page reads at most (the waterfall and the event list). */
    static final int EVENTS_SHOWN = 2_000;
    static final List<String> STATUSES = java.util.Arrays.stream(RunStatus.values()).map(RunStatus::wire).toList();

    private final RunController api;
    private final RunStore store;
    private final DefinitionService definitions;
    private final RunStreams streams;
    private final UsageLedger usage;
    private final Clock clock;
    private final jakarta.validation.Validator validator;
    private final dev.weft.artifacts.web.ArtifactController artifacts;
    /** Layouts by definition text: a definition's layout never changes. */
    private final Cache<String, DagLayout.Graph> layouts = Caffeine.newBuilder().maximumSize(256).build();

    RunPages(RunController api, RunStore store, DefinitionService definitions, RunStreams streams, UsageLedger usage,
             Clock clock, jakarta.validation.Validator validator, dev.weft.artifacts.web.ArtifactController artifacts) {
        this.artifacts = artifacts;
        this.api = api;
        this.store = store;
        this.definitions = definitions;
        this.streams = streams;
        this.usage = usage;
        this.clock = clock;
        this.validator = validator;
    }

    /** The filters of the runs page, as the form sends them. */
    public record Filters(String status, String workflow, String from, String to) {

        public String query() {
            StringBuilder q = new StringBuilder();
            append(q, "status", status);
            append(q, "workflow", workflow);
            append(q, "from", from);
            append(q, "to", to);
            return q.toString();
        }

        private static void append(StringBuilder q, String name, String value) {
            if (value != null && !value.isBlank()) {
                q.append(q.isEmpty() ? "" : "&").append(name).append('=')
                        .append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
            }
        }
    }

    /** A row of the runs table. */
    public record Row(String runId, String workflow, Integer version, String status, Instant createdAt, String duration,
               Double costUsd, String parentRunId) {}

    @GetMapping
    String runs(HttpServletRequest request, Model model, @RequestParam(required = false) String status,
                @RequestParam(required = false) String workflow, @RequestParam(required = false) String from,
                @RequestParam(required = false) String to, @RequestParam(required = false) String cursor,
                @RequestParam(required = false) String q) {
        if (q != null && !q.isBlank()) {
            return "redirect:/console/runs/" + java.net.URLEncoder.encode(q.strip(), java.nio.charset.StandardCharsets.UTF_8);
        }
        AuthenticatedApp app = ConsoleAdvice.app(request, "GET", "/v1/workflows/runs");
        Filters filters = new Filters(blank(status), blank(workflow), blank(from), blank(to));
        rows(app, filters, cursor, model);
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<RunStatus, Long> stored = store.countByStatus(app.appId());
        for (String s : STATUSES) {
            counts.put(s, stored.getOrDefault(RunStatus.fromWire(s), 0L));
        }
        model.addAttribute("counts", counts);
        model.addAttribute("total", counts.values().stream().mapToLong(Long::longValue).sum());
        model.addAttribute("statuses", STATUSES);
        model.addAttribute("workflows", !ConsoleAdvice.session(request).allows("GET", "/v1/workflows") ? List.of()
                : definitions.list(app.appId()).stream().map(d -> d.slug()).distinct().sorted().toList());
        model.addAttribute("nav", "runs");
        return "console/runs";
    }

    /** The table body alone, for live refreshes. */
    @GetMapping("/rows")
    String rowsFragment(HttpServletRequest request, Model model, @RequestParam(required = false) String status,
                        @RequestParam(required = false) String workflow, @RequestParam(required = false) String from,
                        @RequestParam(required = false) String to, @RequestParam(required = false) String cursor) {
        AuthenticatedApp app = ConsoleAdvice.app(request, "GET", "/v1/workflows/runs");
        rows(app, new Filters(blank(status), blank(workflow), blank(from), blank(to)), cursor, model);
        return "console/runs :: rows";
    }

    private void rows(AuthenticatedApp app, Filters filters, String cursor, Model model) {
        RunResponses.RunPage page = api.list(app, filters.status(), filters.workflow(), instant("from", filters.from()),
                instant("to", filters.to()), null, blank(cursor), PAGE);
        Map<String, Double> costs = usage.costOfRuns(page.runs().stream().map(RunView::runId).toList());
        Instant now = clock.instant();
        List<Row> rows = page.runs().stream().map(r -> new Row(r.runId(), r.workflowSlug(), r.workflowVersion(),
                r.status(), r.createdAt(), RunPicture.duration(r.durationMs() != null ? r.durationMs()
                : r.startedAt() == null ? null : java.time.Duration.between(r.startedAt(), now).toMillis()),
                costs.get(r.runId()), r.parentRunId())).toList();
        model.addAttribute("rows", rows);
        model.addAttribute("filters", filters);
        model.addAttribute("cursor", blank(cursor));
        model.addAttribute("nextCursor", page.nextCursor());
    }

    @GetMapping("/{runId}")
    String run(HttpServletRequest request, Model model, @PathVariable String runId,
               @RequestParam(required = false) String step) {
        live(request, model, runId, step);
        model.addAttribute("nav", "runs");
        return "console/run";
    }

    /** The part of the run page that changes as the run goes: refreshed on each event of its stream. */
    @GetMapping("/{runId}/live")
    String liveFragment(HttpServletRequest request, Model model, @PathVariable String runId,
                        @RequestParam(required = false) String step) {
        live(request, model, runId, step);
        return "console/run :: live";
    }

    private void live(HttpServletRequest request, Model model, String runId, String step) {
        AuthenticatedApp app = ConsoleAdvice.app(request, "GET", "/v1/workflows/runs/" + runId);
        RunView run = api.get(app, runId);
        RunRecord record = store.find(app.appId(), runId, false).orElseThrow();
        WorkflowDefinition definition = definitions.parseStored(record.definition());
        DagLayout.Graph layout = layouts.get(record.definition(), text -> RunPicture.layout(definition));
        List<RunEventRecord> events = store.events(runId, 0, EVENTS_SHOWN);
        String selected = step != null ? step : run.steps().stream().filter(s -> s.status().equals("failed"))
                .map(RunView.StepView::id).findFirst().orElse(null);
        model.addAttribute("run", run);
        model.addAttribute("terminal", RunStatus.fromWire(run.status()).isTerminal());
        model.addAttribute("definition", definition);
        model.addAttribute("graph", RunPicture.graph(definition, layout, run, selected));
        model.addAttribute("waterfall", RunPicture.waterfall(definition, run, events, clock.instant()));
        model.addAttribute("events", events.size() > 200 ? events.subList(events.size() - 200, events.size()) : events);
        model.addAttribute("eventsTruncated", events.size() >= EVENTS_SHOWN);
        model.addAttribute("lastEventId", events.size() < EVENTS_SHOWN ? (events.isEmpty() ? 0 : events.getLast().id())
                : store.lastEventId(runId));
        model.addAttribute("children", run.steps().stream().anyMatch(s -> s.childRunId() != null
                || (s.items() != null && s.items().stream().anyMatch(i -> i.childRunId() != null)))
                ? api.list(app, null, null, null, null, runId, null, 50).runs() : List.of());
        model.addAttribute("signals", signalForm(definition, run));
        model.addAttribute("costUsd", run.usage() == null ? null : run.usage().costUsd());
        model.addAttribute("curl", curl(run, run.workflowSlug() == null ? Json.parse(record.definition()) : null));
        model.addAttribute("selected", selected == null ? null : selectedStep(run, selected).orElse(null));
        model.addAttribute("selectedId", selected);
        model.addAttribute("artifacts", selected == null ? List.of() : selectedStep(run, selected)
                .map(s -> ConsoleViews.artifacts(s.output()).stream().map(a -> inlined(request, app, a)).toList())
                .orElse(List.of()));
        model.addAttribute("json", new ConsoleViews());
    }

    /** A small JSON artifact with its content pretty-printed, read as the API's content endpoint serves it. */
    private ConsoleViews.ArtifactRef inlined(HttpServletRequest request, AuthenticatedApp app,
                                             ConsoleViews.ArtifactRef artifact) {
        if (!artifact.smallJson()
                || !ConsoleAdvice.session(request).allows("GET", "/v1/artifacts/" + artifact.artifactId() + "/content")) {
            return artifact;
        }
        try (var in = artifacts.content(app, artifact.artifactId(), null).getBody().getInputStream()) {
            return artifact.withJson(new ConsoleViews().pretty(Json.MAPPER.readTree(in)));
        } catch (java.io.IOException | RuntimeException e) {
            return artifact; // shown as a link instead
        }
    }

    private static Optional<RunView.StepView> selectedStep(RunView run, String id) {
        for (RunView.StepView s : run.steps()) {
            if (s.id().equals(id)) {
                return Optional.of(s);
            }
            if (s.items() != null) {
                for (RunView.StepView item : s.items()) {
                    if (item.id().equals(id)) {
                        return Optional.of(item);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The signals the signal form offers: those the run waits for, while it runs (by step). */
    private static Map<String, String> signalForm(WorkflowDefinition definition, RunView run) {
        RunStatus status = RunStatus.fromWire(run.status());
        if (status.isTerminal()) {
            return Map.of();
        }
        Map<String, dev.weft.engine.StepStatus> steps = new LinkedHashMap<>();
        run.steps().forEach(s -> steps.put(s.id(), dev.weft.engine.StepStatus.fromWire(s.status())));
        return dev.weft.runs.SignalWaits.awaited(definition, status, steps);
    }

    /** The curl command that starts this run again through the API. */
    private static String curl(RunView run, JsonNode plan) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (run.workflowSlug() != null) {
            body.put("workflowSlug", run.workflowSlug());
            body.put("workflowVersion", run.workflowVersion());
        } else {
            body.put("plan", plan);
        }
        body.put("input", run.input());
        String base = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
        String json = Json.write(body);
        return "curl -X POST '" + base + "/v1/workflows/run' \\\n  -H \"X-API-Key: $WEFT_API_KEY\" \\\n"
                + "  -H 'Content-Type: application/json' \\\n  -d '" + json.replace("'", "'\\''") + "'";
    }

    @GetMapping(path = "/{runId}/stream", produces = "text/event-stream")
    SseEmitter stream(HttpServletRequest request, @PathVariable String runId, @RequestParam(defaultValue = "0") long after,
                      @org.springframework.web.bind.annotation.RequestHeader(value = "Last-Event-ID", required = false)
                      String lastEventId) {
        if (lastEventId != null && lastEventId.strip().matches("\\d{1,18}")) {
            after = Math.max(after, Long.parseLong(lastEventId.strip())); // the browser reconnecting on its own
        }
        AuthenticatedApp app = ConsoleAdvice.app(request, "GET", "/v1/workflows/runs/" + runId);
        RunRecord run = store.find(app.appId(), runId, false).orElseThrow(() -> new dev.weft.common.NotFoundException(
                "run", "no run " + runId + " for this app"));
        return streams.openRun(runId, Math.max(0, after), run.status().isTerminal());
    }

    @GetMapping(path = "/stream", produces = "text/event-stream")
    SseEmitter appStream(HttpServletRequest request) {
        AuthenticatedApp app = ConsoleAdvice.app(request, "GET", "/v1/workflows/runs/stream");
        return streams.openApp(app.appId(), 0, e -> true);
    }

    @PostMapping("/{runId}/cancel")
    String cancel(HttpServletRequest request, HttpServletResponse response, Model model, @PathVariable String runId) {
        AuthenticatedApp app = ConsoleAdvice.app(request, "POST", "/v1/workflows/runs/" + runId + "/cancel");
        api.cancel(app, runId);
        return done(response, model, "Cancelled. Steps in flight finish, and their results are discarded.");
    }

    @PostMapping("/{runId}/resume")
    String resume(HttpServletRequest request, HttpServletResponse response, Model model, @PathVariable String runId,
                  @RequestParam(required = false) String from) {
        AuthenticatedApp app = ConsoleAdvice.app(request, "POST", "/v1/workflows/runs/" + runId + "/resume");
        api.resume(app, runId, new ResumeRequest(null, null, blank(from)));
        return done(response, model, blank(from) == null ? "Resumed from the failed steps." : "Re-running from " + from + ".");
    }

    @PostMapping("/{runId}/signal")
    String signal(HttpServletRequest request, HttpServletResponse response, Model model, @PathVariable String runId, @RequestParam String signal,
                  @RequestParam(required = false) String payload) {
        AuthenticatedApp app = ConsoleAdvice.app(request, "POST", "/v1/workflows/runs/" + runId + "/signals/" + signal);
        JsonNode body = json("payload", payload);
        var accepted = api.signal(app, runId, signal, body).getBody();
        return done(response, model, accepted != null && accepted.consumedBy() != null
                ? "Signal '" + signal + "' sent; " + accepted.consumedBy() + " goes on."
                : "Signal '" + signal + "' kept until the step waiting for it is reached.");
    }

    @PostMapping("/{runId}/rerun")
    String rerun(HttpServletRequest request, HttpServletResponse response, @PathVariable String runId) {
        AuthenticatedApp app = ConsoleAdvice.app(request, "POST", "/v1/workflows/run");
        RunView run = api.get(app, runId);
        JsonNode plan = null;
        if (run.workflowSlug() == null) {
            plan = Json.parse(store.find(app.appId(), runId, false).orElseThrow().definition());
        }
        ResponseEntity<?> started = api.run(app, new StartRunRequest(null, run.workflowSlug(), plan,
                run.workflowSlug() == null ? null : run.workflowVersion(), null, run.input(), null, null, null, null), false, null);
        return ConsoleAdvice.redirect(request, response, "/console/runs/" + ((RunResponses.Started) started.getBody()).runId());
    }

    /** The action's message, and an event that makes the run page refresh (and stream again after a resume). */
    private static String done(HttpServletResponse response, Model model, String message) {
        response.setHeader("HX-Trigger", "refresh-live");
        model.addAttribute("message", message);
        return "console/fragments :: done";
    }

    /** A JSON text field of a form; a 422 naming the field when it is not JSON. */
    static JsonNode json(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Json.parse(text);
        } catch (RuntimeException e) {
            throw new InvalidFieldException(field, "must be JSON, such as {\"approved\": true}");
        }
    }

    /** A {@code datetime-local} field (UTC) or an ISO-8601 instant, as the API's instant text. */
    private static String instant(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value).toString();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC).toString();
            } catch (DateTimeParseException again) {
                throw new InvalidFieldException(field, "must be a date and time such as 2026-01-31T12:00");
            }
        }
    }

    static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
