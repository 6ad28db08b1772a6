package dev.weft.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The soak: mixed workflows submitted open-loop at a steady rate (50 runs/s by default: about half
 * of what this mix sustains on two cores, where 100 runs/s saturated the connection pool from the
 * first minute) for {@code minutes} on PostgreSQL + Kafka, with a fault every {@code faultEvery}: in
 * turn every database connection dropped, the service killed with SIGKILL and started again on the
 * same database and topic, the broker stopped and started. Every submission carries an idempotency
 * key and is sent again 2 s later, as {@code Retry-After} asks, until it is accepted (a restart
 * refuses connections for a while), at most 64 at once. Every 5 s
 * it samples the service's RSS, threads, the database connections open and the backlog (runs not
 * finished), every 30 s the live heap after a full collection; at the end it waits for the backlog to
 * drain and checks that every accepted run completed once. Writes {@code soak.csv} and
 * {@code soak.png} (XChart) beside the report.
 */
final class Soak {

    private static final Duration SAMPLE = Duration.ofSeconds(5);
    private static final int HEAP_EVERY = 6; // samples: every 30 s

    private final Config config;
    private final Postgres postgres;
    private final Receiver receiver;
    private final Path dir;
    private final double minutes;
    private final double rate;
    private final double faultEveryMinutes;

    Soak(Config config, Postgres postgres, Receiver receiver, Path dir, double minutes, double rate, double faultEveryMinutes) {
        this.config = config;
        this.postgres = postgres;
        this.receiver = receiver;
        this.dir = dir;
        this.minutes = minutes;
        this.rate = rate;
        this.faultEveryMinutes = faultEveryMinutes;
    }

    /** One sample; heap is NaN when not measured at that sample. */
    record Sample(double minute, double heapMiB, double rssMiB, int threads, int connections, long backlog) {}

    private volatile WeftProcess weft;
    /** Submissions in flight at once, as a client with a connection pool would have: no storm of sockets. */
    private final java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(64);

    void run(Mode mode, Results results, String column) {
        String db = postgres.create("bench_soak");
        String suffix = "soak" + System.nanoTime();
        List<String> args = List.of("--weft.engine.poll-interval=PT0.2S");
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        List<Sample> samples = new CopyOnWriteArrayList<>();
        List<double[]> faults = new CopyOnWriteArrayList<>(); // minute, kind
        List<String> faultNames = new CopyOnWriteArrayList<>();
        AtomicLong resent = new AtomicLong();
        weft = WeftProcess.start(config, mode, postgres.url(db), config.kafka(), suffix, dir.resolve("soak-0"), args);
        try {
            long start = System.nanoTime();
            long end = start + (long) (minutes * 60e9);
            Thread sampler = Thread.ofVirtual().start(() -> sample(db, start, end, samples));
            long total = (long) (minutes * 60 * rate);
            int restarts = 0;
            long nextFault = start + (long) (faultEveryMinutes * 60e9);
            for (long i = 0; i < total; i++) {
                long due = start + (long) (i * 1e9 / rate);
                while (System.nanoTime() < due) {
                    if (System.nanoTime() >= nextFault) {
                        int kind = faults.size() % 3;
                        double at = (System.nanoTime() - start) / 60e9;
                        faults.add(new double[] {at, kind});
                        String name = fault(kind, db, mode, suffix, args, ++restarts);
                        faultNames.add(String.format(Locale.ROOT, "%.1f min: %s", at, name));
                        Bench.log("soak: %.1f min: %s", at, name);
                        nextFault += (long) (faultEveryMinutes * 60e9);
                    }
                    Bench.sleep(Math.max(0, Math.min(5, (due - System.nanoTime()) / 1_000_000)));
                }
                long n = i;
                Thread.ofVirtual().start(() -> submitUntilAccepted(n, accepted, resent, end));
            }
            long drainDeadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (System.nanoTime() < drainDeadline
                    && (accepted.size() < total || postgres.count(db, "SELECT count(*) FROM runs WHERE status IN ('pending', 'running')") > 0)) {
                Bench.sleep(1000);
            }
            sampler.interrupt();
            long completed = postgres.count(db, "SELECT count(*) FROM runs WHERE status = 'completed'");
            long runs = postgres.count(db, "SELECT count(*) FROM runs");
            long distinctKeys = postgres.count(db, "SELECT count(DISTINCT idempotency_key) FROM runs");
            Bench.log("soak: runs by status: %s", postgres.text(db, "SELECT string_agg(status || '=' || n, ', ') "
                    + "FROM (SELECT status, count(*) n FROM runs GROUP BY status) x"));
            Bench.log("soak: errors of runs not completed: %s", postgres.text(db, "SELECT string_agg(c || ' x' || n, '; ') "
                    + "FROM (SELECT substr(coalesce(error, status), 1, 300) c, count(*) n FROM runs "
                    + "WHERE status <> 'completed' GROUP BY 1 ORDER BY 2 DESC LIMIT 5) x"));
            report(samples, faults, column, results, total, accepted.size(), completed, runs, distinctKeys, resent.get());
            Bench.log("soak: faults: %s", String.join("; ", faultNames));
        } finally {
            weft.close();
            postgres.drop(db);
        }
    }

    private String fault(int kind, String db, Mode mode, String suffix, List<String> args, int restart) {
        switch (kind) {
            case 0 -> {
                return "dropped " + postgres.terminateConnections(db) + " database connections";
            }
            case 1 -> {
                WeftProcess old = weft;
                old.kill9();
                weft = WeftProcess.start(config, mode, postgres.url(db), config.kafka(), suffix,
                        dir.resolve("soak-" + restart), args);
                return "service killed (SIGKILL) and started again";
            }
            default -> {
                Path script = config.serviceJar().toAbsolutePath().getParent().getParent().resolve("scripts/kafka-local.sh");
                run(script.toString(), "stop");
                Bench.sleep(10_000);
                run(script.toString(), "start");
                return "broker stopped for 10 s and started again";
            }
        }
    }

    private static void run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor(120, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Mixed workflows: a three-step chain, a fan-out of five, a delay, a webhook to the local receiver. */
    private String body(long n) {
        String key = "soak-" + n;
        String plan = switch ((int) (n % 4)) {
            case 0 -> """
                    {"steps": [{"id": "a", "type": "transform", "input": {"v": "{{ input.n }}"}},
                               {"id": "b", "type": "transform", "input": {"v": "{{ steps.a.output.v + 1 }}"}},
                               {"id": "c", "type": "transform", "input": {"v": "{{ steps.b.output.v + 1 }}"}}]}""";
            case 1 -> """
                    {"steps": [{"id": "each", "type": "transform", "forEach": "{{ [1, 2, 3, 4, 5] }}", "input": {"v": "{{ item }}"}},
                               {"id": "sum", "type": "transform", "input": {"n": "{{ size(steps.each.output) }}"}}]}""";
            case 2 -> """
                    {"steps": [{"id": "wait", "type": "delay", "input": {"duration": "PT1S"}},
                               {"id": "after", "type": "transform", "input": {"done": true}}]}""";
            default -> """
                    {"steps": [{"id": "tell", "type": "emit_webhook", "input": {"url": "%s", "payload": {"n": "{{ input.n }}"}}}]}"""
                    .formatted(receiver.hookUrl());
        };
        return """
                {"idempotencyKey": "%s", "input": {"n": %d}, "plan": %s}""".formatted(key, n, plan);
    }

    private void submitUntilAccepted(long n, Set<String> accepted, AtomicLong resent, long end) {
        String body = body(n);
        long giveUp = end + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < giveUp) {
            boolean sent = false;
            try {
                inFlight.acquire();
                try {
                    weft.client().submit(body);
                    sent = true;
                } finally {
                    inFlight.release();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // refused (503 while the database is away, a restart refusing connections): as a client
                // told Retry-After: 2 would, wait and send the same request, idempotency key included
                resent.incrementAndGet();
            }
            if (sent) {
                accepted.add("soak-" + n);
                return;
            }
            Bench.sleep(2000);
        }
    }

    private void sample(String db, long start, long end, List<Sample> samples) {
        int n = 0;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                WeftProcess current = weft;
                double heap = n % HEAP_EVERY == 0 && current.alive() ? current.liveHeapMiB(config) : Double.NaN;
                samples.add(new Sample((System.nanoTime() - start) / 60e9, heap, current.alive() ? current.rssMiB() : Double.NaN,
                        current.alive() ? current.threads() : 0, postgres.openConnections(db),
                        postgres.count(db, "SELECT count(*) FROM runs WHERE status IN ('pending', 'running')")));
            } catch (RuntimeException e) {
                // a restart in progress: no sample this time
            }
            n++;
            try {
                Thread.sleep(SAMPLE);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void report(List<Sample> samples, List<double[]> faults, String column, Results results, long submitted,
                        long accepted, long completed, long runs, long distinctKeys, long resent) {
        results.add(column, "soak: runs submitted", submitted);
        results.add(column, "soak: runs accepted", accepted);
        results.add(column, "soak: runs lost (accepted, not completed)", accepted - completed);
        results.add(column, "soak: runs stored twice", runs - distinctKeys);
        results.add(column, "soak: submissions sent again (refused during a fault)", resent);
        results.add(column, "soak: faults", faults.size());
        List<Sample> heaps = samples.stream().filter(s -> !Double.isNaN(s.heapMiB())).toList();
        if (!heaps.isEmpty()) {
            results.add(column, "soak: heap after GC, first, MiB", heaps.getFirst().heapMiB());
            results.add(column, "soak: heap after GC, last, MiB", heaps.getLast().heapMiB());
            results.add(column, "soak: heap after GC, max, MiB", heaps.stream().mapToDouble(Sample::heapMiB).max().orElse(0));
        }
        List<Sample> live = samples.stream().filter(s -> !Double.isNaN(s.rssMiB())).toList();
        if (!live.isEmpty()) {
            results.add(column, "soak: RSS, first sample, MiB", live.getFirst().rssMiB());
            results.add(column, "soak: RSS, last, MiB", live.getLast().rssMiB());
            results.add(column, "soak: RSS, max, MiB", live.stream().mapToDouble(Sample::rssMiB).max().orElse(0));
            results.add(column, "soak: threads, first", live.getFirst().threads());
            results.add(column, "soak: threads, max", live.stream().mapToInt(Sample::threads).max().orElse(0));
        }
        results.add(column, "soak: database connections, max", samples.stream().mapToInt(Sample::connections).max().orElse(0));
        results.add(column, "soak: backlog, max runs", samples.stream().mapToLong(Sample::backlog).max().orElse(0));
        results.add(column, "soak: backlog, last sample", samples.isEmpty() ? 0 : samples.getLast().backlog());
        write(samples, faults);
    }

    private void write(List<Sample> samples, List<double[]> faults) {
        try {
            Files.createDirectories(dir);
            StringBuilder csv = new StringBuilder("minute,heap_after_gc_mib,rss_mib,threads,db_connections,backlog_runs\n");
            for (Sample s : samples) {
                csv.append(String.format(Locale.ROOT, "%.3f,%s,%s,%d,%d,%d%n", s.minute(),
                        Double.isNaN(s.heapMiB()) ? "" : String.format(Locale.ROOT, "%.1f", s.heapMiB()),
                        Double.isNaN(s.rssMiB()) ? "" : String.format(Locale.ROOT, "%.1f", s.rssMiB()),
                        s.threads(), s.connections(), s.backlog()));
            }
            for (double[] f : faults) {
                csv.append(String.format(Locale.ROOT, "# fault at %.2f min: %s%n", f[0],
                        new String[] {"database connections dropped", "service SIGKILL + restart", "broker restart"}[(int) f[1]]));
            }
            Files.writeString(dir.resolve("soak.csv"), csv);
            System.setProperty("java.awt.headless", "true");
            List<XYChart> charts = new ArrayList<>();
            charts.add(chart("Heap after full GC (MiB)", samples.stream().filter(s -> !Double.isNaN(s.heapMiB())).toList(),
                    Sample::heapMiB, faults));
            charts.add(chart("RSS (MiB)", samples.stream().filter(s -> !Double.isNaN(s.rssMiB())).toList(), Sample::rssMiB, faults));
            charts.add(chart("Threads (platform)", samples, s -> s.threads(), faults));
            charts.add(chart("Database connections open", samples, s -> s.connections(), faults));
            charts.add(chart("Backlog (runs not finished)", samples, s -> s.backlog(), faults));
            BitmapEncoder.saveBitmap(charts, 5, 1, dir.resolve("soak").toString(), BitmapEncoder.BitmapFormat.PNG);
            Bench.log("soak: wrote %s and %s", dir.resolve("soak.csv"), dir.resolve("soak.png"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static XYChart chart(String title, List<Sample> samples, java.util.function.ToDoubleFunction<Sample> value,
                                 List<double[]> faults) {
        XYChart chart = new XYChartBuilder().width(1000).height(220).title(title).xAxisTitle("minutes").build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setMarkerSize(3);
        double[] x = samples.stream().mapToDouble(Sample::minute).toArray();
        double[] y = samples.stream().mapToDouble(value).toArray();
        if (x.length == 0) {
            x = new double[] {0};
            y = new double[] {0};
        }
        chart.addSeries(title, x, y).setMarker(SeriesMarkers.NONE);
        if (!faults.isEmpty()) {
            double top = java.util.Arrays.stream(y).max().orElse(0);
            org.knowm.xchart.XYSeries marks = chart.addSeries("faults", faults.stream().mapToDouble(f -> f[0]).toArray(),
                    faults.stream().mapToDouble(f -> top).toArray());
            marks.setXYSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Scatter);
            marks.setMarker(SeriesMarkers.TRIANGLE_DOWN);
        }
        return chart;
    }
}
