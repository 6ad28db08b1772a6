package dev.weft.client;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Workflows run on a cron: create, list, read, pause, resume, change, trigger now, delete. */
public final class Schedules {

    /** A schedule with its next fire times and what its last one did. */
    public record Schedule(String id, String workflowSlug, Integer version, Object input, String cron, String timezone,
                           String overlap, boolean enabled, List<Instant> nextFireTimes, Instant lastFireAt,
                           String lastRunId, String lastError, Instant createdAt, Instant updatedAt) {}

    /** The run a trigger started. */
    public record Triggered(String runId, String scheduleId, String statusUrl) {}

    private final Transport transport;

    Schedules(Transport transport) {
        this.transport = transport;
    }

    /**
     * Runs {@code workflowSlug} on {@code cron} (six fields, seconds first, as Spring's) in
     * {@code timezone} (null: UTC) with {@code input} (null: none).
     */
    public Schedule create(String workflowSlug, String cron, String timezone, Object input) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("workflowSlug", workflowSlug);
        body.put("cron", cron);
        if (timezone != null) {
            body.put("timezone", timezone);
        }
        if (input != null) {
            body.put("input", input);
        }
        return transport.post("/v1/schedules", body).as(Schedule.class);
    }

    public List<Schedule> list() {
        return transport.get("/v1/schedules").as(ScheduleList.class).schedules();
    }

    public Schedule get(String id) {
        return transport.get(path(id)).as(Schedule.class);
    }

    /** Changes any of version, input, cron, timezone, overlap, enabled. */
    public Schedule update(String id, Map<String, Object> changes) {
        return transport.send("PATCH", path(id), changes, Map.of()).as(Schedule.class);
    }

    public Schedule pause(String id) {
        return update(id, Map.of("enabled", false));
    }

    public Schedule resume(String id) {
        return update(id, Map.of("enabled", true));
    }

    public Triggered trigger(String id) {
        return transport.post(path(id) + "/trigger", null).as(Triggered.class);
    }

    public void delete(String id) {
        transport.send("DELETE", path(id), null, Map.of());
    }

    private static String path(String id) {
        return "/v1/schedules/" + Transport.segment(id);
    }

    record ScheduleList(List<Schedule> schedules) {}
}
