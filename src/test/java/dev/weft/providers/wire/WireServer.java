package dev.weft.providers.wire;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.weft.common.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * A provider stand-in on 127.0.0.1: answers each path with the response last set for it, in the
 * provider's own wire format, and records every request with its headers and JSON body.
 */
public final class WireServer implements AutoCloseable {

    public record Request(String method, String path, Map<String, List<String>> headers, String body) {
        public JsonNode json() {
            return Json.parse(body);
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }
    }

    public record Response(int status, Map<String, String> headers, String body, boolean hang) {}

    private final HttpServer server;
    private final Map<String, ConcurrentLinkedDeque<Response>> answers = new ConcurrentHashMap<>();
    private final List<Request> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    public WireServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public WireServer on(String path, int status, String body) {
        return on(path, status, Map.of(), body);
    }

    public WireServer on(String path, int status, Map<String, String> headers, String body) {
        ConcurrentLinkedDeque<Response> only = new ConcurrentLinkedDeque<>();
        only.add(new Response(status, headers, body, false));
        answers.put(path, only);
        return this;
    }

    /** Never answers (until closed), so the client times out. */
    public WireServer hang(String path) {
        answers.computeIfAbsent(path, p -> new ConcurrentLinkedDeque<>()).add(new Response(0, Map.of(), "", true));
        return this;
    }

    public List<Request> received() {
        return received;
    }

    public Request last() {
        return received.getLast();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        received.add(new Request(exchange.getRequestMethod(), path, Map.copyOf(exchange.getRequestHeaders()), body));
        ConcurrentLinkedDeque<Response> queue = answers.get(path);
        Response r = queue == null ? new Response(404, Map.of(), "{\"error\":{\"message\":\"no route\"}}", false)
                : queue.size() > 1 ? queue.poll() : queue.peek();
        if (r.hang()) {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        byte[] bytes = r.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        r.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(r.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }
}
