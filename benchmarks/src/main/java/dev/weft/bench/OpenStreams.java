package dev.weft.bench;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What open event streams cost: 200 runs wait for a signal, a stream is opened on each, and once
 * every stream has received the step.waiting event and sat idle for a while, the service's
 * platform threads and RSS are compared with before, and the database connections doing anything
 * are counted (PostgreSQL modes). The promise: no thread and no pooled connection per idle stream.
 */
final class OpenStreams {

    static final int STREAMS = 200;

    void run(WeftProcess weft, Postgres postgres, String db, Results results, String column) {
        WeftClient client = weft.client();
        Bench.submitAll(client, 20, 4, n -> Plans.waiting(n)); // warm the request path
        Bench.sleep(3000);
        int threadsBefore = weft.threads();
        double rssBefore = weft.rssMiB();
        List<String> runs = Bench.submitAll(client, STREAMS, 8, n -> Plans.waiting(n));
        AtomicInteger waiting = new AtomicInteger();
        List<CompletableFuture<HttpResponse<Void>>> streams = new ArrayList<>();
        for (String runId : runs) {
            streams.add(client.stream(runId, line -> {
                if (line.startsWith("event:") && line.endsWith("step.waiting")) {
                    waiting.incrementAndGet();
                }
            }));
        }
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (waiting.get() < STREAMS && System.nanoTime() < deadline) {
            Bench.sleep(100);
        }
        Bench.sleep(5000); // idle: only keep-alive comments and the poller
        results.add(column, "200 open streams: streams that saw step.waiting", waiting.get());
        results.add(column, "200 open streams: added platform threads", weft.threads() - threadsBefore);
        results.add(column, "200 open streams: added RSS, MiB", weft.rssMiB() - rssBefore);
        if (db != null) {
            results.add(column, "200 open streams: busy database connections while idle", postgres.busyConnections(db));
        }
        streams.forEach(s -> s.cancel(true));
    }
}
