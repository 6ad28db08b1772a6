package dev.weft.schedules;

import dev.weft.common.Ids;
import dev.weft.common.Json;
import dev.weft.common.NotFoundException;
import dev.weft.runs.RunCoordinator;
import dev.weft.runs.RunRequest;
import dev.weft.runs.RunService;
import dev.weft.store.RunRecord;
import dev.weft.store.RunStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Schedules of an app, and their firing. A schedule is checked like a run when it is saved (the
 * workflow, its version and the input against its schema), so a bad one is a 422 then rather than a
 * silent failure at 3 a.m. A fire time is claimed in the database ({@link ScheduleStore#claim})
 * in the same transaction that stores and starts its run, with the idempotency key
 * {@code schedule:<id>:<fire time>}: one run per fire time whatever the number of processes.
 */
public class Schedules {

    private static final Logger log = LoggerFactory.getLogger(Schedules.class);

    private final ScheduleStore store;
    private final RunService runs;
    private final RunStore runStore;
    private final RunCoordinator coordinator;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final MeterRegistry meters;

    public Schedules(ScheduleStore store, RunService runs, RunStore runStore, RunCoordinator coordinator,
                     TransactionTemplate tx, Clock clock, MeterRegistry meters) {
        this.store = store;
        this.runs = runs;
        this.runStore = runStore;
        this.coordinator = coordinator;
        this.tx = tx;
        this.clock = clock;
        this.meters = meters;
    }

    /** What a client sets; null fields are left as they are on update (and defaulted on create). */
    public record Settings(String workflowSlug, Integer version, JsonNode input, String cron, String timezone,
                           Overlap overlap, Boolean enabled) {}

    public Schedule create(String appId, Settings settings) {
        Instant now = now();
        String timezone = settings.timezone() == null ? "UTC" : settings.timezone();
        Cron cron = Cron.parse(settings.cron(), timezone);
        JsonNode input = settings.input() == null ? Json.object() : settings.input();
        check(appId, settings.workflowSlug(), settings.version(), input);
        boolean enabled = settings.enabled() == null || settings.enabled();
        Schedule schedule = new Schedule("sch_" + Ids.uuid7(clock), appId, settings.workflowSlug(), settings.version(),
                input, cron.expression(), cron.zone().getId(),
                settings.overlap() == null ? Overlap.SKIP : settings.overlap(), enabled,
                enabled ? cron.next(now) : null, null, null, null, now, now);
        store.insert(schedule);
        return schedule;
    }

    public Schedule update(String appId, String id, Settings changes) {
        Schedule current = get(appId, id);
        String cronText = changes.cron() != null ? changes.cron() : current.cron();
        String timezone = changes.timezone() != null ? changes.timezone() : current.timezone();
        Cron cron = Cron.parse(cronText, timezone);
        Integer version = changes.version() != null ? changes.version() : current.version();
        JsonNode input = changes.input() != null ? changes.input() : current.input();
        check(appId, current.workflowSlug(), version, input);
        boolean enabled = changes.enabled() != null ? changes.enabled() : current.enabled();
        boolean timingChanged = changes.cron() != null || changes.timezone() != null
                || (enabled && !current.enabled());
        Instant next = !enabled ? null : timingChanged || current.nextFireAt() == null ? cron.next(now()) : current.nextFireAt();
        Schedule updated = new Schedule(id, appId, current.workflowSlug(), version, input, cron.expression(),
                cron.zone().getId(), changes.overlap() != null ? changes.overlap() : current.overlap(), enabled, next,
                current.lastFireAt(), current.lastRunId(), current.lastError(), current.createdAt(), now());
        store.update(updated);
        return updated;
    }

    public Schedule get(String appId, String id) {
        return store.find(appId, id).orElseThrow(() -> new NotFoundException("schedule", "no schedule " + id + " for this app"));
    }

    public List<Schedule> list(String appId) {
        return store.list(appId);
    }

    public void delete(String appId, String id) {
        if (!store.delete(appId, id)) {
            throw new NotFoundException("schedule", "no schedule " + id + " for this app");
        }
    }

    /** The next fire times of a schedule (none while disabled). */
    public List<Instant> nextFireTimes(Schedule schedule, int n) {
        if (!schedule.enabled()) {
            return List.of();
        }
        return Cron.parse(schedule.cron(), schedule.timezone()).next(now(), n);
    }

    /** Starts a run of the schedule now, outside its cron, whatever its overlap policy. */
    public RunRecord trigger(String appId, String id) {
        Schedule schedule = get(appId, id);
        Instant now = now();
        RunService.Submitted submitted = tx.execute(status -> {
            RunService.Submitted s = runs.submit(appId, request(schedule, "schedule:" + id + ":manual:" + Ids.uuid7(clock)));
            store.recordFire(id, s.run().id(), null);
            return s;
        });
        meters.counter("weft.schedules.fired", "trigger", "manual").increment();
        log.info("schedule {} triggered by hand at {}: run {}", id, now, submitted.run().id());
        return submitted.run();
    }

    /**
     * Fires every schedule due at {@code now} that this process claims first; returns how many runs
     * were started.
     */
    public int fireDue(Instant now) {
        int started = 0;
        for (Schedule schedule : store.due(now, 100)) {
            try {
                if (fire(schedule, now)) {
                    started++;
                }
            } catch (RuntimeException e) {
                log.warn("schedule {} could not fire; it will be tried again", schedule.id(), e);
            }
        }
        return started;
    }

    private boolean fire(Schedule schedule, Instant now) {
        Cron cron = Cron.parse(schedule.cron(), schedule.timezone());
        Instant firedAt = cron.latestUpTo(schedule.nextFireAt(), now);
        Instant next = cron.next(now);
        String key = "schedule:" + schedule.id() + ":" + firedAt;
        String problem = problem(schedule);
        Optional<String> previousOpen = Optional.ofNullable(schedule.lastRunId())
                .flatMap(runId -> runStore.find(schedule.appId(), runId, false))
                .filter(r -> !r.status().isTerminal())
                .map(RunRecord::id);
        Boolean started = tx.execute(status -> {
            if (!store.claim(schedule, firedAt, next)) {
                return false; // another process took this fire time
            }
            if (problem != null) {
                store.recordFire(schedule.id(), null, problem);
                return false;
            }
            if (previousOpen.isPresent() && schedule.overlap() == Overlap.SKIP) {
                store.recordFire(schedule.id(), null, "skipped the fire time " + firedAt + ": run "
                        + previousOpen.get() + " has not finished (overlap: skip)");
                meters.counter("weft.schedules.skipped").increment();
                return false;
            }
            if (previousOpen.isPresent() && schedule.overlap() == Overlap.CANCEL_PREVIOUS) {
                coordinator.cancel(previousOpen.get());
            }
            RunService.Submitted s = runs.submit(schedule.appId(), request(schedule, key));
            store.recordFire(schedule.id(), s.run().id(), null);
            return true;
        });
        if (Boolean.TRUE.equals(started)) {
            meters.counter("weft.schedules.fired", "trigger", "cron").increment();
        }
        return Boolean.TRUE.equals(started);
    }

    /** Why the schedule's run would be refused now (its workflow deleted, its input no longer fitting), or null. */
    private String problem(Schedule schedule) {
        try {
            runs.prepare(schedule.appId(), request(schedule, null));
            return null;
        } catch (RuntimeException e) {
            return "no run started: " + e.getMessage();
        }
    }

    private void check(String appId, String workflowSlug, Integer version, JsonNode input) {
        runs.prepare(appId, new RunRequest(null, workflowSlug, null, version, input, null, null));
    }

    private static RunRequest request(Schedule schedule, String idempotencyKey) {
        return new RunRequest(null, schedule.workflowSlug(), null, schedule.version(), schedule.input(), null,
                idempotencyKey, null, schedule.id());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
