package dev.weft.runs.web;

import dev.weft.api.ApiProblem;
import dev.weft.auth.AuthenticatedApp;
import dev.weft.definition.DefinitionService;
import dev.weft.definition.StepDefinition;
import dev.weft.engine.RunStatus;
import dev.weft.runs.DryRunPlan;
import dev.weft.runs.DryRunPlanner;
import dev.weft.runs.RunCoordinator;
import dev.weft.runs.RunRequest;
import dev.weft.runs.RunService;
import dev.weft.store.RunEventRecord;
import dev.weft.store.RunFilter;
import dev.weft.store.RunRecord;
import dev.weft.store.RunStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.JsonNode;

/** Starting, reading, listing, cancelling and resuming runs. */
@RestController
@RequestMapping("/v1/workflows")
@Tag(name = "Runs")
public class RunController {

    private static final int MAX_PAGE = 200;

    private final RunService runs;
    private final RunStore store;
    private final RunCoordinator coordinator;
    private final DefinitionService definitions;
    private final DryRunPlanner planner;
    private final dev.weft.runs.ConcurrencyGate gate;
    private final dev.weft.runs.RunResumes resumes;
    private final jakarta.validation.Validator validator;
    private final dev.weft.api.ProblemHandler problems;
    private final dev.weft.cache.StepResultCache cache;

    public RunController(RunService runs, RunStore store, RunCoordinator coordinator, DefinitionService definitions,
                         DryRunPlanner planner, dev.weft.runs.ConcurrencyGate gate, dev.weft.runs.RunResumes resumes,
                         jakarta.validation.Validator validator, dev.weft.api.ProblemHandler problems,
                         dev.weft.cache.StepResultCache cache) {
        this.cache = cache;
        this.validator = validator;
        this.problems = problems;
        this.resumes = resumes;
        this.planner = planner;
        this.gate = gate;
        this.runs = runs;
        this.store = store;
        this.coordinator = coordinator;
        this.definitions = definitions;
    }

    @PostMapping("/run")
    @Operation(summary = "Start a run of a stored workflow (workflowSlug) or an inline plan",
            description = "Answers 202 with the run id and a statusUrl to poll. With idempotencyKey, the same key and "
                    + "body return the same run; the same key with a different body is a 409. With dryRun=true nothing "
                    + "is stored or run: 200 with the plan (waves of parallel steps, each step's rendered input, "
                    + "samples of earlier outputs marked as such).")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "202", description = "Accepted: the run is stored",
            content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json",
                    schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = RunResponses.Started.class)))
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "dryRun=true: the plan, nothing stored",
            content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json",
                    schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = DryRunPlan.class)))
    public ResponseEntity<?> run(AuthenticatedApp app, @Valid @RequestBody StartRunRequest body,
                                 @RequestParam(defaultValue = "false") boolean dryRun,
                                 @io.swagger.v3.oas.annotations.Parameter(description = "Same as the body's idempotencyKey "
                                         + "(either, or both when equal)")
                                 @org.springframework.web.bind.annotation.RequestHeader(value = "Idempotency-Key",
                                         required = false) String idempotencyKey) {
        RunRequest request = body.toRunRequest(idempotencyKey);
        if (dryRun) {
            return ResponseEntity.ok(planner.plan(app.appId(), runs.prepare(app.appId(), request)));
        }
        RunService.Submitted submitted = runs.submit(app.appId(), request);
        RunRecord run = submitted.run();
        String statusUrl = base() + "/v1/workflows/runs/" + run.id();
        var response = new RunResponses.Started(run.id(),
                submitted.created() ? RunStatus.PENDING.wire() : run.status().wire(), statusUrl, run.workflowSlug(),
                run.workflowVersion(), run.createdAt(), !submitted.created());
        return ResponseEntity.status(HttpStatus.ACCEPTED).header("Location", statusUrl).body(response);
    }

    @PostMapping("/run/batch")
    @Operation(summary = "Start up to 1,000 runs in one request, stored in one transaction; one result per item, in order",
            description = "Each item is a run request as for POST /v1/workflows/run (its own input, idempotency key, "
                    + "webhook URL, ...). Each is checked on its own: the answer lists, in order, a 202 result "
                    + "(runId, statusUrl, idempotentReplay) or the problem (status, type, detail, errors) of every "
                    + "item, and one refused item does not refuse the others. The accepted runs are stored and "
                    + "started in one transaction.")
    public RunResponses.BatchStarted batch(AuthenticatedApp app, @RequestBody BatchRequest body) {
        if (body.runs() == null || body.runs().isEmpty()) {
            throw ApiProblem.invalidField("runs", "must be a non-empty array of run requests");
        }
        if (body.runs().size() > MAX_BATCH) {
            throw ApiProblem.invalidValue("runs", "at most " + MAX_BATCH + " runs per batch; got " + body.runs().size());
        }
        List<RunRequest> requests = new java.util.ArrayList<>();
        java.util.Map<Integer, RuntimeException> refused = new HashMap<>();
        for (int i = 0; i < body.runs().size(); i++) {
            StartRunRequest item = body.runs().get(i);
            try {
                if (item == null) {
                    throw ApiProblem.invalidField("runs[" + i + "]", "must be a run request object");
                }
                var violation = validator.validate(item).stream().findFirst();
                if (violation.isPresent()) {
                    throw ApiProblem.invalidValue(violation.get().getPropertyPath().toString(), violation.get().getMessage());
                }
                requests.add(item.toRunRequest(null));
            } catch (RuntimeException e) {
                refused.put(i, e);
                requests.add(null);
            }
        }
        List<RunRequest> valid = requests.stream().filter(java.util.Objects::nonNull).toList();
        java.util.Iterator<RunService.BatchItem> done = runs.submitBatch(app.appId(), valid).iterator();
        List<RunResponses.BatchResult> results = new java.util.ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            RunService.BatchItem item = requests.get(i) == null ? new RunService.BatchItem(null, refused.get(i)) : done.next();
            if (item.submitted() != null) {
                RunRecord run = item.submitted().run();
                results.add(RunResponses.BatchResult.started(i, run.id(),
                        item.submitted().created() ? RunStatus.PENDING.wire() : run.status().wire(),
                        base() + "/v1/workflows/runs/" + run.id(), !item.submitted().created()));
            } else {
                results.add(RunResponses.BatchResult.refused(i, problems.problemOf(item.refused())));
            }
        }
        long accepted = results.stream().filter(r -> r.runId() != null).count();
        return new RunResponses.BatchStarted((int) accepted, results.size() - (int) accepted, results);
    }

    /** The body of {@code POST /v1/workflows/run/batch}. */
    public record BatchRequest(List<StartRunRequest> runs) {}

    private static final int MAX_BATCH = 1_000;

    @GetMapping("/runs/{runId}")
    @Operation(summary = "A run with its status, input, output, error and every step's attempts, output, error and timings")
    public RunView get(AuthenticatedApp app, @PathVariable String runId) {
        RunRecord run = store.find(app.appId(), runId, true).orElseThrow(() -> notFound(runId));
        List<StepDefinition> steps = definitions.parseStored(run.definition()).steps();
        Map<String, Integer> order = new HashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            order.put(steps.get(i).id(), i);
        }
        // only a run with a cached step can have reused results: no extra statement for the others
        boolean caches = steps.stream().anyMatch(s -> s.cache() != null);
        return RunView.of(run, base(), true, order, caches ? cache.hits(runId) : Map.of());
    }

    @GetMapping("/runs")
    @Operation(summary = "Runs of this app, newest first, with filters and cursor paging")
    public RunResponses.RunPage list(AuthenticatedApp app,
                                    @io.swagger.v3.oas.annotations.Parameter(schema = @io.swagger.v3.oas.annotations.media.Schema(
                                            allowableValues = {"pending", "running", "completed", "failed", "cancelled"}))
                                    @RequestParam(required = false) String status,
                                    @RequestParam(required = false) String workflowSlug,
                                    @RequestParam(required = false) String createdAfter,
                                    @RequestParam(required = false) String createdBefore,
                                    @RequestParam(required = false) String parentRunId,
                                    @RequestParam(required = false) String cursor,
                                    @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw ApiProblem.invalidField("limit", "must be from 1 to " + MAX_PAGE);
        }
        RunStatus statusFilter = null;
        if (status != null) {
            try {
                statusFilter = RunStatus.fromWire(status);
            } catch (IllegalArgumentException e) {
                throw ApiProblem.invalidField("status", "must be one of pending, running, completed, failed, cancelled");
            }
        }
        RunFilter filter = new RunFilter(statusFilter, workflowSlug, instant("createdAfter", createdAfter),
                instant("createdBefore", createdBefore), parentRunId);
        List<RunRecord> page = store.list(app.appId(), filter, cursor, limit + 1);
        boolean more = page.size() > limit;
        List<RunRecord> shown = more ? page.subList(0, limit) : page;
        return new RunResponses.RunPage(shown.stream().map(r -> RunView.of(r, base(), false, Map.of())).toList(),
                more ? shown.getLast().id() : null);
    }

    @PostMapping("/runs/{runId}/cancel")
    @Operation(summary = "Cancel a pending or running run; steps in flight finish but their results are discarded")
    public RunView cancel(AuthenticatedApp app, @PathVariable String runId) {
        RunRecord run = store.find(app.appId(), runId, false).orElseThrow(() -> notFound(runId));
        if (run.status().isTerminal()) {
            throw ApiProblem.conflict("run-not-cancellable", "run " + runId + " is already " + run.status().wire());
        }
        coordinator.cancel(runId);
        return get(app, runId);
    }

    @PostMapping("/runs/{runId}/resume")
    @Operation(summary = "Resume a failed run from its failed steps, optionally with a fix; or re-run from a step",
            description = "Without a body, the failed and cancelled steps run again and the completed ones are kept. "
                    + "The optional body fixes what made the run fail: input is a JSON merge patch of the run's input "
                    + "(checked against the inputSchema), steps.<id>.input replaces the input of a step that will run "
                    + "again (checked against its type's input schema), and from runs that step and every step after it "
                    + "again even when they succeeded (a failed or completed run). Anything unknown is a 422. Attempt "
                    + "numbers carry on; the retry policy counts the attempts after the resume. The run's history "
                    + "(run.resumed) records what was changed and by which key.")
    public ResponseEntity<RunView> resume(AuthenticatedApp app, @PathVariable String runId,
                                          @RequestBody(required = false) @Valid ResumeRequest body) {
        ResumeRequest request = body == null ? new ResumeRequest(null, null, null) : body;
        java.util.Map<String, JsonNode> steps = new java.util.LinkedHashMap<>();
        if (request.steps() != null) {
            request.steps().forEach((id, fix) -> steps.put(id, fix == null ? null : fix.input()));
        }
        resumes.resume(app.appId(), runId, new dev.weft.runs.RunResumes.Fix(request.input(), steps, request.from(),
                app.keyId()));
        return ResponseEntity.accepted().body(get(app, runId));
    }

    @PostMapping("/runs/{runId}/signals/{signal}")
    @Operation(summary = "Send a signal to a run: a step waiting on it completes with the JSON body as its output",
            description = "202 when a wait_for_signal step of the run waits on this name now (consumedBy names it) or "
                    + "will when it is reached (the signal is kept until then); 409 when no unfinished step waits on it, "
                    + "with the names the run waits on; 404 for another app's run.")
    public ResponseEntity<RunResponses.SignalAccepted> signal(AuthenticatedApp app, @PathVariable String runId,
                                                      @PathVariable String signal,
                                                      @RequestBody(required = false) JsonNode body) {
        RunRecord run = store.find(app.appId(), runId, true).orElseThrow(() -> notFound(runId));
        if (run.status() == RunStatus.COMPLETED || run.status() == RunStatus.CANCELLED) {
            throw ApiProblem.conflict("run-finished", "run " + runId + " is " + run.status().wire()
                    + "; it waits for no signal");
        }
        java.util.Set<String> awaited = awaitedSignals(run);
        if (!awaited.contains(signal)) {
            throw ApiProblem.conflict("signal-not-awaited", "run " + runId + " does not wait for the signal '" + signal
                    + "'; " + (awaited.isEmpty() ? "it waits for no signal" : "it waits for: " + String.join(", ", awaited)));
        }
        var outcome = coordinator.signal(runId, signal, body == null || body.isNull() ? dev.weft.common.Json.object() : body)
                .orElseThrow(() -> notFound(runId));
        return ResponseEntity.accepted().body(new RunResponses.SignalAccepted(runId, signal, outcome.signalId(),
                outcome.consumedBy(), outcome.consumedBy() == null));
    }

    /** The signal names of the run's wait_for_signal steps that have not finished (or can be resumed). */
    private java.util.Set<String> awaitedSignals(RunRecord run) {
        java.util.Map<String, dev.weft.engine.StepStatus> status = new HashMap<>();
        run.steps().forEach(s -> status.put(s.stepId(), s.status()));
        return new java.util.TreeSet<>(dev.weft.runs.SignalWaits.awaited(definitions.parseStored(run.definition()),
                run.status(), status).values());
    }

    @GetMapping("/runs/{runId}/events")
    @Operation(summary = "The run's append-only history, oldest first; page with 'after' (the last event id seen)")
    public RunResponses.EventPage events(AuthenticatedApp app, @PathVariable String runId,
                                      @RequestParam(defaultValue = "0") long after,
                                      @RequestParam(defaultValue = "500") int limit) {
        store.find(app.appId(), runId, false).orElseThrow(() -> notFound(runId));
        if (limit < 1 || limit > 1000) {
            throw ApiProblem.invalidField("limit", "must be from 1 to 1000");
        }
        List<RunEventRecord> events = store.events(runId, after, limit);
        return new RunResponses.EventPage(events.stream().map(e -> new RunResponses.Event(e.id(), e.type(), e.stepId(),
                e.attempt(), e.data(), e.at())).toList(), events.isEmpty() ? after : events.getLast().id());
    }

    private static Instant instant(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalidField(field, "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
        }
    }

    private static ApiProblem notFound(String runId) {
        return ApiProblem.notFound("run", "no run " + runId + " for this app");
    }

    private static String base() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }

}
