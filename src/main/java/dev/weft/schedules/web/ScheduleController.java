package dev.weft.schedules.web;

import dev.weft.api.ApiProblem;
import dev.weft.auth.AuthenticatedApp;
import dev.weft.common.FieldLimits;
import dev.weft.schedules.Overlap;
import dev.weft.schedules.Schedule;
import dev.weft.schedules.Schedules;
import dev.weft.store.RunRecord;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.JsonNode;

/** An app's schedules: a stored workflow run on a cron. */
@RestController
@RequestMapping("/v1/schedules")
@Tag(name = "Schedules")
public class ScheduleController {

    /**
     * @param cron     six fields (second minute hour day-of-month month day-of-week) or five (without seconds)
     * @param timezone an IANA time zone, UTC when left out
     * @param overlap  skip (default), allow or cancel_previous: what a fire time does while the previous run goes on
     * @param workflowVersion a version to pin; each fire time runs the latest when left out
     * @param version  deprecated alias of {@code workflowVersion}
     */
    public record CreateSchedule(@NotBlank(message = "is required") String workflowSlug,
                          @Positive(message = "must be a positive integer") Integer workflowVersion,
                          @io.swagger.v3.oas.annotations.media.Schema(deprecated = true, description = "alias of workflowVersion")
                          @Positive(message = "must be a positive integer") Integer version,
                          JsonNode input,
                          @NotBlank(message = "is required") @Size(max = 200) String cron,
                          @Size(max = 64) String timezone,
                          String overlap,
                          Boolean enabled) {}

    /**
     * @param nextFireTimes the next five fire times (none while disabled)
     * @param lastError     why the last fire time started no run, or absent
     */
    public record ScheduleView(String id, String workflowSlug, Integer workflowVersion,
                        @io.swagger.v3.oas.annotations.media.Schema(deprecated = true, description = "alias of workflowVersion")
                        Integer version, JsonNode input, String cron, String timezone,
                        String overlap, boolean enabled, List<Instant> nextFireTimes, Instant lastFireAt,
                        String lastRunId, String lastError, Instant createdAt, Instant updatedAt) {}

    private static final Set<String> PATCHABLE = Set.of("workflowVersion", "version", "input", "cron", "timezone",
            "overlap", "enabled");

    private final Schedules schedules;

    public ScheduleController(Schedules schedules) {
        this.schedules = schedules;
    }

    @PostMapping
    @Operation(summary = "Run a stored workflow on a cron, in a time zone; answers the next five fire times")
    public ResponseEntity<ScheduleView> create(AuthenticatedApp app, @Valid @RequestBody CreateSchedule body) {
        Integer version = dev.weft.runs.RunRequest.workflowVersion(body.workflowVersion(), body.version());
        Schedule created = schedules.create(app.appId(), new Schedules.Settings(body.workflowSlug(), version,
                body.input(), body.cron(), body.timezone(), overlap(body.overlap()), body.enabled()));
        return ResponseEntity.created(dev.weft.api.Urls.absoluteUri("/v1/schedules/" + created.id())).body(view(created));
    }

    @GetMapping
    @Operation(summary = "The app's schedules")
    public Map<String, List<ScheduleView>> list(AuthenticatedApp app) {
        return Map.of("schedules", schedules.list(app.appId()).stream().map(this::view).toList());
    }

    @GetMapping("/{id}")
    @Operation(summary = "One schedule with its next five fire times and what its last fire time did")
    public ScheduleView get(AuthenticatedApp app, @PathVariable String id) {
        return view(schedules.get(app.appId(), id));
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Change a schedule: any of workflowVersion, input, cron, timezone, overlap, enabled")
    public ScheduleView update(AuthenticatedApp app, @PathVariable String id, @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json",
                            schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = ScheduleChanges.class)))
            @RequestBody JsonNode body) {
        if (!body.isObject()) {
            throw ApiProblem.invalidField("body", "must be a JSON object");
        }
        for (String field : body.propertyNames()) {
            if (!PATCHABLE.contains(field)) {
                throw ApiProblem.invalidField(field, "unknown or unchangeable field; allowed: " + String.join(", ",
                        new java.util.TreeSet<>(PATCHABLE)));
            }
        }
        Integer version = dev.weft.runs.RunRequest.workflowVersion(positive(body, "workflowVersion"), positive(body, "version"));
        Boolean enabled = null;
        if (body.has("enabled")) {
            if (!body.get("enabled").isBoolean()) {
                throw ApiProblem.invalidField("enabled", "must be true or false");
            }
            enabled = body.get("enabled").asBoolean();
        }
        String cron = text(body, "cron", 200);
        String timezone = text(body, "timezone", 64);
        String overlap = text(body, "overlap", 20);
        Schedule updated = schedules.update(app.appId(), id, new Schedules.Settings(null, version, body.get("input"), cron,
                timezone, overlap == null ? null : overlap(overlap), enabled));
        return view(updated);
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a schedule; runs it started are kept")
    public ResponseEntity<Void> delete(AuthenticatedApp app, @PathVariable String id) {
        schedules.delete(app.appId(), id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/trigger")
    @Operation(summary = "Start a run of the schedule now, outside its cron")
    public ResponseEntity<Triggered> trigger(AuthenticatedApp app, @PathVariable String id) {
        RunRecord run = schedules.trigger(app.appId(), id);
        String statusUrl = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString()
                + "/v1/workflows/runs/" + run.id();
        return ResponseEntity.accepted().header("Location", statusUrl)
                .body(new Triggered(run.id(), id, statusUrl));
    }

    /** {@code 202} to a manual trigger: the run it started. */
    public record Triggered(String runId, String scheduleId, String statusUrl) {}

    private ScheduleView view(Schedule s) {
        return new ScheduleView(s.id(), s.workflowSlug(), s.version(), s.version(), s.input(), s.cron(), s.timezone(), s.overlap().wire(),
                s.enabled(), schedules.nextFireTimes(s, 5), s.lastFireAt(), s.lastRunId(), s.lastError(), s.createdAt(),
                s.updatedAt());
    }

    private static Integer positive(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 1) {
            throw ApiProblem.invalidField(field, "must be a positive integer");
        }
        return v.asInt();
    }

    private static Overlap overlap(String value) {
        if (value == null) {
            return null;
        }
        return Overlap.fromWire(value).orElseThrow(() -> new dev.weft.common.InvalidFieldException("overlap",
                "must be one of skip, allow, cancel_previous"));
    }

    private static String text(JsonNode body, String field, int max) {
        JsonNode v = body.get(field);
        if (v == null) {
            return null;
        }
        if (!v.isString()) {
            throw ApiProblem.invalidField(field, "must be a string");
        }
        return FieldLimits.requireLength(field, v.asString(), max);
    }

    /** The body of a PATCH, for the OpenAPI description: only the fields given change. */
    record ScheduleChanges(@Positive Integer workflowVersion,
                           @io.swagger.v3.oas.annotations.media.Schema(deprecated = true, description = "alias of workflowVersion")
                           @Positive Integer version, JsonNode input,
                           @io.swagger.v3.oas.annotations.media.Schema(example = "0 0 2 * * *") String cron,
                           @io.swagger.v3.oas.annotations.media.Schema(example = "Europe/Paris") String timezone,
                           @io.swagger.v3.oas.annotations.media.Schema(allowableValues = {"skip", "allow", "cancel_previous"})
                           String overlap,
                           Boolean enabled) {}
}
