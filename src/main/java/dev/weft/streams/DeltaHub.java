package dev.weft.streams;

import dev.weft.common.Dialect;
import dev.weft.common.Ids;
import dev.weft.common.Json;
import dev.weft.steps.StepDeltas;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * {@link StepDeltas} for the service: a step's streamed text is gathered for a tenth of a second
 * into one delta (the rest when its attempt ends), handed to this process's open streams, and, on PostgreSQL,
 * sent to every other process with {@code NOTIFY} (a process listens on one connection of its
 * own, outside the pool), so a stream on an api process sees the text of a step a worker runs.
 */
@Component
public class DeltaHub implements StepDeltas {

    private static final Logger log = LoggerFactory.getLogger(DeltaHub.class);
    static final String CHANNEL = "weft_step_deltas";
    /**
     * PostgreSQL's NOTIFY payload limit is 8,000 bytes; a delta carries at most this many chars,
     * which stays below it even when every char is escaped in the JSON payload (6 bytes each).
     */
    static final int MAX_PIECE_CHARS = 1_000;

    private final JdbcClient jdbc;
    private final Dialect dialect;
    private final Environment environment;
    private final String origin = Ids.token(9);
    private final Map<String, Set<Consumer<Delta>>> listeners = new ConcurrentHashMap<>();
    private final Map<String, Buffer> buffers = new ConcurrentHashMap<>();
    private volatile boolean listening;
    private volatile Thread listener;

    public DeltaHub(JdbcClient jdbc, Dialect dialect, Environment environment,
                    @Value("${weft.streams.deltas-across-processes:true}") boolean acrossProcesses) {
        this.jdbc = jdbc;
        this.dialect = dialect;
        this.environment = environment;
        if (dialect == Dialect.POSTGRESQL && acrossProcesses) {
            listening = true;
            listener = Thread.ofVirtual().name("step-delta-listener").start(this::listen);
        }
    }

    /** One attempt's text not yet handed on, and how many deltas it has made. */
    private static final class Buffer {
        final String runId;
        final String stepId;
        final int attempt;
        final StringBuilder text = new StringBuilder();
        final Object sending = new Object();
        long seq;

        Buffer(String runId, String stepId, int attempt) {
            this.runId = runId;
            this.stepId = stepId;
            this.attempt = attempt;
        }

        /** Takes what is gathered as deltas (one per NOTIFY-sized piece, each with its own seq); empty if nothing. */
        synchronized List<Delta> take() {
            List<Delta> taken = new ArrayList<>();
            String all = text.toString();
            text.setLength(0);
            for (String piece : pieces(all)) {
                taken.add(new Delta(runId, stepId, attempt, ++seq, piece));
            }
            return taken;
        }

        synchronized void append(String piece) {
            text.append(piece);
        }

    }

    /** Cuts text into pieces of at most {@link #MAX_PIECE_CHARS}, never inside a surrogate pair. */
    static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        int from = 0;
        while (from < text.length()) {
            int to = Math.min(text.length(), from + MAX_PIECE_CHARS);
            if (to < text.length() && Character.isHighSurrogate(text.charAt(to - 1))) {
                to--;
            }
            pieces.add(text.substring(from, to));
            from = to;
        }
        return pieces;
    }

    @Override
    public Sink sink(String runId, String stepId, int attempt) {
        String key = runId + "\u0000" + stepId + "\u0000" + attempt;
        Buffer buffer = new Buffer(runId, stepId, attempt);
        return new Sink() {
            @Override
            public void accept(String piece) {
                if (piece == null || piece.isEmpty()) {
                    return;
                }
                buffers.putIfAbsent(key, buffer);
                buffer.append(piece);
            }

            /** The attempt ended: what is left goes now, and the buffer is dropped. */
            @Override
            public void close() {
                flush(buffer);
                buffers.remove(key, buffer);
            }
        };
    }

    @Override
    public AutoCloseable subscribe(String runId, Consumer<Delta> listener) {
        listeners.computeIfAbsent(runId, id -> ConcurrentHashMap.newKeySet()).add(listener);
        return () -> listeners.computeIfPresent(runId, (id, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }

    /** Hands on what each streaming attempt gathered since the last time. */
    @Scheduled(fixedDelayString = "${weft.streams.delta-interval:PT0.1S}")
    public void flush() {
        for (Buffer buffer : buffers.values()) {
            flush(buffer);
        }
    }

    /** One buffer's deltas, sent in order: taking and sending are one step per buffer. */
    private void flush(Buffer buffer) {
        synchronized (buffer.sending) {
            send(buffer.take());
        }
    }

    /** Delivers here and, on PostgreSQL, to the other processes; outside any buffer's lock. */
    private void send(List<Delta> deltas) {
        for (Delta delta : deltas) {
            deliver(delta);
            if (listening) {
                notifyOthers(delta);
            }
        }
    }

    private void deliver(Delta delta) {
        for (Consumer<Delta> l : listeners.getOrDefault(delta.runId(), Set.of())) {
            try {
                l.accept(delta);
            } catch (RuntimeException e) {
                log.debug("a delta listener failed", e);
            }
        }
    }

    private void notifyOthers(Delta delta) {
        var payload = Json.object();
        payload.put("o", origin);
        payload.put("r", delta.runId());
        payload.put("s", delta.stepId());
        payload.put("a", delta.attempt());
        payload.put("n", delta.seq());
        payload.put("t", delta.text());
        try {
            jdbc.sql("SELECT pg_notify(?, ?)").params(CHANNEL, Json.write(payload)).query(String.class).optional();
        } catch (RuntimeException e) {
            log.debug("could not send a step delta to other processes", e); // best effort: the output has the whole text
        }
    }

    /** Listens for other processes' deltas on a connection of its own; reconnects after a failure. */
    private void listen() {
        Duration backoff = Duration.ofMillis(500);
        while (listening) {
            try (Connection connection = DriverManager.getConnection(environment.getProperty("spring.datasource.url"),
                    environment.getProperty("spring.datasource.username"), environment.getProperty("spring.datasource.password"));
                 Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + CHANNEL);
                backoff = Duration.ofMillis(500);
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (listening) {
                    PGNotification[] notes = pg.getNotifications(1000);
                    if (notes != null) {
                        for (PGNotification note : notes) {
                            received(note.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!listening) {
                    return;
                }
                log.debug("step delta listener lost its connection; reconnecting", e);
                try {
                    Thread.sleep(backoff); // between reconnection attempts, not a synchronisation
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10)
                        : backoff.multipliedBy(2);
            }
        }
    }

    private void received(String payload) {
        JsonNode p = Json.parse(payload);
        if (origin.equals(p.path("o").asString())) {
            return;
        }
        deliver(new Delta(p.path("r").asString(), p.path("s").asString(), p.path("a").asInt(), p.path("n").asLong(),
                p.path("t").asString()));
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        flush();
        listening = false;
        if (listener != null) {
            listener.interrupt();
        }
    }

    /** Whether this process receives other processes' deltas (PostgreSQL), for health and tests. */
    public boolean acrossProcesses() {
        return listener != null;
    }
}
