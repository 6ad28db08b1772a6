package dev.weft.streams;

import dev.weft.store.RunEventRecord;
import dev.weft.store.RunStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live event streams of this process. Each open stream is an {@link SseEmitter}: it holds no
 * thread and no connection while idle. One poller reads what is new from the database for every
 * open stream at once (one statement per tick for all run streams, one per app stream), so an
 * event written by any process, in any deployment mode, reaches every stream; comments keep idle
 * connections open through proxies.
 */
@Component
public class RunStreams {

    private static final Logger log = LoggerFactory.getLogger(RunStreams.class);
    static final Set<String> TERMINAL = Set.of("run.completed", "run.failed", "run.cancelled");
    private static final int PAGE = 500;
    /** An app stream looks this many ids back, for events committed after a higher id was already seen. */
    private static final int LOOKBACK = 200;
    /** Events waiting for one slow client before its stream is ended. */
    private static final int MAX_QUEUED = 10_000;

    private final RunStore store;
    private final Clock clock;
    private final Duration heartbeat;
    private final Map<String, Set<RunStream>> runs = new ConcurrentHashMap<>();
    private final Set<AppStream> apps = ConcurrentHashMap.newKeySet();

    private final dev.weft.steps.StepDeltas deltas;

    public RunStreams(RunStore store, Clock clock, @Value("${weft.streams.heartbeat:PT15S}") Duration heartbeat,
                      dev.weft.steps.StepDeltas deltas) {
        this.deltas = deltas;
        this.store = store;
        this.clock = clock;
        this.heartbeat = heartbeat;
    }

    /** The run status a run-level event leads to. */
    public static String statusOf(String type) {
        return switch (type) {
            case "run.created", "run.waiting" -> "pending";
            case "run.started", "run.resumed" -> "running";
            case "run.completed" -> "completed";
            case "run.failed" -> "failed";
            case "run.cancelled" -> "cancelled";
            default -> null;
        };
    }

    /** Open streams, for tests and metrics. */
    public int open() {
        return runs.values().stream().mapToInt(Set::size).sum() + apps.size();
    }

    /**
     * Streams one run's history after {@code after} and then what comes, until its terminal
     * event. The history is sent from the calling thread; the rest from the poller.
     */
    public SseEmitter openRun(String runId, long after, boolean finished) {
        SseEmitter emitter = new SseEmitter(0L);
        RunStream stream = new RunStream(runId, emitter, after, clock.instant());
        stream.comment(); // answers at once with the headers, even before the first event
        String last = null;
        while (true) {
            List<RunEventRecord> page = store.events(runId, stream.cursor, PAGE);
            for (RunEventRecord e : page) {
                if (!stream.send(e)) {
                    emitter.complete();
                    return emitter;
                }
                last = e.type();
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        // the history ends with the run's end (or the client has seen it already): nothing more will come
        if ((last != null && TERMINAL.contains(last)) || (last == null && finished)) {
            emitter.complete();
            return emitter;
        }
        runs.computeIfAbsent(runId, id -> ConcurrentHashMap.newKeySet()).add(stream);
        // streamed text of the run's steps, live only (never stored, so never replayed)
        AutoCloseable deltaSubscription = deltas.subscribe(runId, d -> stream.later(() -> stream.sendDelta(d)));
        Runnable remove = () -> {
            runs.computeIfPresent(runId, (id, set) -> {
                set.remove(stream);
                return set.isEmpty() ? null : set;
            });
            try {
                deltaSubscription.close();
            } catch (Exception e) {
                log.debug("could not end a delta subscription", e);
            }
        };
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(e -> remove.run());
        return emitter;
    }

    /** Streams an app's run status changes from {@code after} (0: only what comes next), filtered. */
    public SseEmitter openApp(String appId, long after, Predicate<RunStore.AppRunEvent> filter) {
        SseEmitter emitter = new SseEmitter(0L);
        long start = after > 0 ? after : store.lastEventId();
        AppStream stream = new AppStream(appId, emitter, filter, start, clock.instant());
        stream.comment(); // answers at once with the headers, even before the first event
        apps.add(stream);
        emitter.onCompletion(() -> apps.remove(stream));
        emitter.onTimeout(() -> apps.remove(stream));
        emitter.onError(e -> apps.remove(stream));
        poll(stream);
        return emitter;
    }

    /**
     * Ends every open stream when the service shuts down (before the web server's graceful
     * shutdown, which would otherwise wait for them); clients reconnect with Last-Event-ID.
     */
    @org.springframework.context.event.EventListener(org.springframework.context.event.ContextClosedEvent.class)
    public void closeAll() {
        runs.values().forEach(set -> List.copyOf(set).forEach(s -> s.emitter.complete()));
        List.copyOf(apps).forEach(s -> s.emitter.complete());
    }

    @Scheduled(fixedDelayString = "${weft.streams.poll-interval:PT0.2S}", initialDelayString = "PT0.5S")
    public void tick() {
        try {
            pollRuns();
            for (AppStream stream : List.copyOf(apps)) {
                poll(stream);
            }
            heartbeats();
        } catch (RuntimeException e) {
            log.warn("event stream poll failed; will retry", e);
        }
    }

    private void pollRuns() {
        if (runs.isEmpty()) {
            return;
        }
        List<String> ids = new ArrayList<>(runs.keySet());
        for (int from = 0; from < ids.size(); from += PAGE) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + PAGE));
            long cursor = chunk.stream().flatMap(id -> runs.getOrDefault(id, Set.of()).stream())
                    .mapToLong(s -> s.cursor).min().orElse(Long.MAX_VALUE);
            if (cursor == Long.MAX_VALUE) {
                continue;
            }
            List<RunEventRecord> events = store.eventsOfRuns(chunk, cursor, PAGE * 4);
            for (RunEventRecord e : events) {
                for (RunStream stream : List.copyOf(runs.getOrDefault(e.runId(), Set.of()))) {
                    if (e.id() > stream.cursor) {
                        stream.cursor = e.id();
                        boolean terminal = TERMINAL.contains(e.type());
                        stream.later(() -> {
                            if (!stream.send(e) || terminal) {
                                stream.emitter.complete();
                            }
                        });
                    }
                }
            }
        }
    }

    private void poll(AppStream stream) {
        List<RunStore.AppRunEvent> events = store.appRunEvents(stream.appId, Math.max(0, stream.cursor - LOOKBACK), PAGE);
        for (RunStore.AppRunEvent e : events) {
            if (stream.sent.contains(e.id()) || e.id() <= stream.start) {
                continue;
            }
            stream.remember(e.id());
            if (stream.filter.test(e)) {
                stream.later(() -> {
                    if (!stream.send(e)) {
                        stream.emitter.complete();
                    }
                });
            }
        }
    }

    private void heartbeats() {
        Instant due = clock.instant().minus(heartbeat);
        for (Set<RunStream> set : runs.values()) {
            for (RunStream stream : List.copyOf(set)) {
                if (stream.lastSent.isBefore(due) && stream.outbox.isEmpty()) {
                    stream.later(stream::comment);
                }
            }
        }
        for (AppStream stream : List.copyOf(apps)) {
            if (stream.lastSent.isBefore(due) && stream.outbox.isEmpty()) {
                stream.later(stream::comment);
            }
        }
    }

    /** One client's stream; sends are serialised per stream. */
    private abstract class Stream {
        final SseEmitter emitter;
        volatile Instant lastSent;

        Stream(SseEmitter emitter, Instant now) {
            this.emitter = emitter;
            this.lastSent = now;
        }

        synchronized boolean emit(SseEmitter.SseEventBuilder event) {
            try {
                emitter.send(event);
                lastSent = clock.instant();
                return true;
            } catch (IOException | IllegalStateException e) {
                return false; // the client went away: the emitter's callbacks unregister it
            }
        }

        /**
         * One SSE event: {@code event:} the type, {@code id:} the history id, {@code data:} JSON of
         * {@code id, runId, type}, the given name/value pairs that are not null, and {@code at}.
         */
        boolean emitEvent(long id, String runId, String type, Instant at, Object... fields) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("id", id);
            data.put("runId", runId);
            data.put("type", type);
            for (int i = 0; i + 1 < fields.length; i += 2) {
                if (fields[i + 1] != null) {
                    data.put((String) fields[i], fields[i + 1]);
                }
            }
            data.put("at", at.toString());
            return emit(SseEmitter.event().id(Long.toString(id)).name(type).data(data,
                    org.springframework.http.MediaType.APPLICATION_JSON));
        }

        void comment() {
            if (!emit(SseEmitter.event().comment("keep-alive"))) {
                emitter.complete();
            }
        }

        final java.util.concurrent.ConcurrentLinkedQueue<Runnable> outbox = new java.util.concurrent.ConcurrentLinkedQueue<>();
        private final java.util.concurrent.atomic.AtomicBoolean draining = new java.util.concurrent.atomic.AtomicBoolean();

        /**
         * Sends off the poller's thread, in order, on a virtual thread of this stream's own: a client
         * that stops reading holds up only its own stream.
         */
        void later(Runnable send) {
            if (outbox.size() >= MAX_QUEUED) {
                emitter.complete(); // the client stopped reading long ago: it reconnects with Last-Event-ID
                outbox.clear();
                return;
            }
            outbox.add(send);
            if (draining.compareAndSet(false, true)) {
                Thread.ofVirtual().name("event-stream").start(this::drain);
            }
        }

        private void drain() {
            do {
                for (Runnable send = outbox.poll(); send != null; send = outbox.poll()) {
                    send.run();
                }
                draining.set(false);
            } while (!outbox.isEmpty() && draining.compareAndSet(false, true));
        }
    }

    private final class RunStream extends Stream {
        final String runId;
        volatile long cursor;

        RunStream(String runId, SseEmitter emitter, long after, Instant now) {
            super(emitter, now);
            this.runId = runId;
            this.cursor = after;
        }

        /**
         * A {@code step.delta} event: streamed text of a running step. It has no {@code id:}, so a
         * client's Last-Event-ID stays at the last history entry it saw.
         */
        void sendDelta(dev.weft.steps.StepDeltas.Delta d) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("runId", d.runId());
            data.put("type", "step.delta");
            data.put("stepId", d.stepId());
            data.put("attempt", d.attempt());
            data.put("seq", d.seq());
            data.put("text", d.text());
            if (!emit(SseEmitter.event().name("step.delta").data(data, org.springframework.http.MediaType.APPLICATION_JSON))) {
                emitter.complete();
            }
        }

        boolean send(RunEventRecord e) {
            cursor = Math.max(cursor, e.id());
            return emitEvent(e.id(), e.runId(), e.type(), e.at(), "stepId", e.stepId(), "attempt", e.attempt(),
                    "data", e.data());
        }
    }

    private final class AppStream extends Stream {
        final String appId;
        final Predicate<RunStore.AppRunEvent> filter;
        final long start;
        volatile long cursor;
        final Set<Long> sent = new LinkedHashSet<>();

        AppStream(String appId, SseEmitter emitter, Predicate<RunStore.AppRunEvent> filter, long start, Instant now) {
            super(emitter, now);
            this.appId = appId;
            this.filter = filter;
            this.start = start;
            this.cursor = start;
        }

        void remember(long id) {
            sent.add(id);
            cursor = Math.max(cursor, id);
            while (sent.size() > LOOKBACK * 4) {
                sent.remove(sent.iterator().next());
            }
        }

        boolean send(RunStore.AppRunEvent e) {
            return emitEvent(e.id(), e.runId(), e.type(), e.at(), "status", statusOf(e.type()),
                    "workflowSlug", e.workflowSlug(), "workflowVersion", e.workflowVersion());
        }
    }
}
