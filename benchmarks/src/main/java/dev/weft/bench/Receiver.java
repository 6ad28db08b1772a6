package dev.weft.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local HTTP peer of the service: {@code /hook} records when each run's completion webhook
 * arrived; {@code /slow} answers after one second, standing in for an I/O-bound AI call.
 */
final class Receiver implements AutoCloseable {

    private static final Pattern RUN_ID = Pattern.compile("\"runId\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpServer server;
    private final Map<String, Long> hookArrivalMillis = new ConcurrentHashMap<>();
    private final AtomicInteger slowCalls = new AtomicInteger();
    private final AtomicInteger slowInFlight = new AtomicInteger();
    private final AtomicInteger slowPeak = new AtomicInteger();

    Receiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 20_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/hook", this::hook);
        server.createContext("/slow", this::slow);
        server.start();
    }

    String hookUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    String slowUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/slow";
    }

    /** Wall-clock milliseconds at which the run's webhook arrived, or null. */
    Long hookArrival(String runId) {
        return hookArrivalMillis.get(runId);
    }

    int slowCalls() {
        return slowCalls.get();
    }

    /** The most calls that were waiting at once since the last reset. */
    int slowPeak() {
        return slowPeak.get();
    }

    void resetSlow() {
        slowCalls.set(0);
        slowPeak.set(0);
    }

    private void hook(HttpExchange exchange) throws IOException {
        long now = System.currentTimeMillis();
        String body = new String(exchange.getRequestBody().readAllBytes());
        Matcher m = RUN_ID.matcher(body);
        if (m.find()) {
            hookArrivalMillis.putIfAbsent(m.group(1), now);
        }
        respond(exchange);
    }

    private void slow(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        int inFlight = slowInFlight.incrementAndGet();
        slowPeak.accumulateAndGet(inFlight, Math::max);
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            slowInFlight.decrementAndGet();
        }
        slowCalls.incrementAndGet();
        respond(exchange);
    }

    private static void respond(HttpExchange exchange) throws IOException {
        byte[] ok = "{\"ok\":true}".getBytes();
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, ok.length);
        exchange.getResponseBody().write(ok);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
