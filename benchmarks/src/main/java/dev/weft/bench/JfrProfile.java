package dev.weft.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises the CPU samples ({@code jdk.ExecutionSample}) of a JFR recording of the service, the
 * way {@code docs/benchmarks.md} reports them: the share of samples by the library that is running
 * (JDK frames count for the library that called them), the share of samples by what the thread is
 * doing (a stage of a run, found anywhere on the stack), and the hottest Weft methods by the
 * samples below them, counting from the first step executed (start-up left out). Record with {@code scripts/bench.sh --service-jvm=-XX:StartFlightRecording=...}
 * and a deep stack ({@code -XX:FlightRecorderOptions:stackdepth=512}), then:
 *
 * <pre>java -cp benchmarks/target/classes dev.weft.bench.JfrProfile target/bench/rep1/postgres/main/profile.jfr</pre>
 */
public final class JfrProfile {

    /** Libraries by package prefix, checked in order; the first match names the frame's owner. */
    private static final List<Map.Entry<String, String>> LIBRARIES = List.of(
            Map.entry("org.h2.", "H2 database engine"),
            Map.entry("org.postgresql.", "PostgreSQL JDBC driver"),
            Map.entry("com.zaxxer.hikari.", "HikariCP pool"),
            Map.entry("org.springframework.kafka.", "Spring Kafka"),
            Map.entry("org.apache.kafka.", "Kafka client"),
            Map.entry("org.apache.catalina.", "Tomcat"),
            Map.entry("org.apache.coyote.", "Tomcat"),
            Map.entry("org.apache.tomcat.", "Tomcat"),
            Map.entry("org.springframework.web.", "Spring MVC"),
            Map.entry("org.springframework.jdbc.", "Spring JDBC and transactions"),
            Map.entry("org.springframework.transaction.", "Spring JDBC and transactions"),
            Map.entry("org.springframework.", "Spring (other)"),
            Map.entry("com.fasterxml.jackson.", "Jackson (JSON)"),
            Map.entry("tools.jackson.", "Jackson (JSON)"),
            Map.entry("com.networknt.", "JSON Schema validator"),
            Map.entry("dev.cel.", "CEL expressions"),
            Map.entry("com.google.", "CEL expressions"),
            Map.entry("io.micrometer.", "Micrometer"),
            Map.entry("ch.qos.logback.", "logging"),
            Map.entry("org.slf4j.", "logging"),
            Map.entry("org.apache.hc.", "Apache HttpClient"),
            Map.entry("dev.weft.", "Weft"));

    private static final Predicate<String> STEP_EXECUTION = f -> f.startsWith("dev.weft.dispatch.StepWorker.execute");

    private static final Predicate<String> HTTP = f -> f.startsWith("org.apache.coyote.AbstractProtocol");

    /** What a thread is doing, by the frames on its stack; a sample may count in several. */
    private static final Map<String, Predicate<List<String>>> STAGES = stages();

    private static Predicate<List<String>> any(Predicate<String> frame) {
        return frames -> frames.stream().anyMatch(frame);
    }

    private static Map<String, Predicate<List<String>>> stages() {
        Map<String, Predicate<List<String>>> stages = new LinkedHashMap<>();
        stages.put("serving an HTTP request (Tomcat and below)", any(HTTP));
        stages.put("  of which: run submission (RunController.run and below)", any(f -> f.startsWith("dev.weft.runs.web.RunController.run")));
        stages.put("  of which: run view and list reads (the harness's polling)", any(f -> f.startsWith("dev.weft.runs.web.RunController.get")
                || f.startsWith("dev.weft.runs.web.RunController.list")));
        stages.put("  of which: outside the controller (Tomcat, filters, reading and writing bodies)",
                any(HTTP).and(any(f -> f.startsWith("dev.weft.runs.web.RunController.")).negate()));
        stages.put("executing a step (StepWorker.execute and below)", any(STEP_EXECUTION));
        stages.put("recording a step's outcome (RunCoordinator.handle and below)", any(f -> f.startsWith("dev.weft.runs.RunCoordinator.handle")));
        stages.put("claiming a step (JdbcRunStore.claim and below)", any(f -> f.startsWith("dev.weft.store.JdbcRunStore.claim")));
        stages.put("writing history rows (HistoryWriter and below)", any(f -> f.startsWith("dev.weft.store.HistoryWriter")));
        stages.put("a JDBC call (any frame in the driver or H2)", any(f -> f.startsWith("org.postgresql.") || f.startsWith("org.h2.")));
        stages.put("a commit (Connection.commit and below)", any(f -> f.endsWith("Connection.commit") || f.contains("TransactionManager.commit")));
        stages.put("JSON (any Jackson frame)", any(f -> f.startsWith("com.fasterxml.jackson.") || f.startsWith("tools.jackson.")));
        stages.put("Kafka consumer thread (listener container and below)", any(f -> f.startsWith("org.springframework.kafka.listener.KafkaMessageListenerContainer$ListenerConsumer.run")));
        stages.put("Kafka producer (send and the network thread)", any(f -> f.startsWith("org.apache.kafka.clients.producer.")));
        stages.put("outbox relay (OutboxRelay and below)", any(f -> f.startsWith("dev.weft.dispatch.kafka.OutboxRelay")));
        stages.put("maintenance loop (Maintenance and below)", any(f -> f.startsWith("dev.weft.dispatch.Maintenance")));
        stages.put("webhook delivery (DeliveryWorker and below)", any(f -> f.startsWith("dev.weft.webhook.delivery.")));
        return stages;
    }

    private JfrProfile() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: JfrProfile <recording.jfr>");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        List<Sample> all = samples(file);
        // what comes before the first step executed is start-up, not the hot path
        Instant firstStep = all.stream().filter(x -> x.frames().stream().anyMatch(STEP_EXECUTION))
                .map(Sample::at).min(Instant::compareTo).orElse(Instant.MIN);
        List<Sample> hot = all.stream().filter(x -> !x.at().isBefore(firstStep)).toList();
        Map<String, Integer> byLibrary = new TreeMap<>();
        Map<String, Integer> byStage = new LinkedHashMap<>();
        STAGES.keySet().forEach(stage -> byStage.put(stage, 0));
        Map<String, Integer> weftInclusive = new TreeMap<>();
        for (Sample sample : hot) {
            List<String> frames = sample.frames();
            byLibrary.merge(owner(frames), 1, Integer::sum);
            STAGES.forEach((stage, matches) -> {
                if (matches.test(frames)) {
                    byStage.merge(stage, 1, Integer::sum);
                }
            });
            // generated lambda and proxy classes only repeat the method they stand for
            frames.stream().filter(f -> f.startsWith("dev.weft.") && !f.contains("$$")).distinct()
                    .forEach(f -> weftInclusive.merge(f, 1, Integer::sum));
        }
        int samples = hot.size();
        System.out.printf("%,d CPU samples in %s from the first step executed on (start-up left out)%n", samples, file);
        print("by the library running (JDK frames count for their caller)", byLibrary, samples, 30);
        print("by what the thread is doing (anywhere on the stack; a sample may count twice)", byStage, samples, 0);
        print("Weft methods by the samples at or below them", weftInclusive, samples, 25);
    }

    private record Sample(Instant at, List<String> frames) {}

    /** The recording's CPU samples, read once; frame names are shared between samples to keep them small. */
    private static List<Sample> samples(Path file) throws IOException {
        List<Sample> samples = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                if (event.getEventType().getName().equals("jdk.ExecutionSample") && event.getStackTrace() != null) {
                    List<String> frames = frames(event.getStackTrace()).stream()
                            .map(f -> names.computeIfAbsent(f, k -> k)).toList();
                    samples.add(new Sample(event.getStartTime(), frames));
                }
            }
        }
        return samples;
    }

    private static List<String> frames(RecordedStackTrace stack) {
        List<String> frames = new ArrayList<>(stack.getFrames().size());
        for (RecordedFrame frame : stack.getFrames()) {
            frames.add(frame.getMethod().getType().getName() + "." + frame.getMethod().getName());
        }
        return frames;
    }

    /** The library of the topmost frame that is not the JDK's own code. */
    static String owner(List<String> frames) {
        for (String frame : frames) {
            if (frame.startsWith("java.") || frame.startsWith("jdk.") || frame.startsWith("sun.")) {
                continue;
            }
            return LIBRARIES.stream().filter(lib -> frame.startsWith(lib.getKey())).map(Map.Entry::getValue)
                    .findFirst().orElse("other (" + frame.substring(0, Math.max(0, frame.indexOf('.', frame.indexOf('.') + 1))) + ")");
        }
        return "JDK only (virtual-thread scheduling, I/O, GC helpers)";
    }

    private static void print(String title, Map<String, Integer> counts, int samples, int limit) {
        System.out.println();
        System.out.println("| " + title + " | share |");
        System.out.println("|---|---|");
        var rows = counts.entrySet().stream();
        if (limit > 0) {
            rows = rows.sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())).limit(limit);
        }
        rows.forEach(e -> System.out.printf("| %s | %.1f%% |%n", e.getKey(), 100.0 * e.getValue() / Math.max(1, samples)));
    }
}
