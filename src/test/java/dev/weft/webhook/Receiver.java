package dev.weft.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/** A real HTTP receiver on 127.0.0.1: answers with scripted replies (then 200) and records every request. */
final class Receiver implements AutoCloseable {

    record Request(String path, Map<String, String> headers, String body) {}

    record Reply(int status, Map<String, String> headers) {}

    private final HttpServer server;
    private final Queue<Reply> script = new ConcurrentLinkedQueue<>();
    private final List<Request> received = new CopyOnWriteArrayList<>();
    private volatile int afterScript = 200;

    Receiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /** The next requests get these statuses, in order. */
    Receiver replies(int... statuses) {
        for (int status : statuses) {
            script.add(new Reply(status, Map.of()));
        }
        return this;
    }

    Receiver reply(int status, Map<String, String> headers) {
        script.add(new Reply(status, headers));
        return this;
    }

    /** Every request after the scripted ones gets this status. */
    Receiver thenAlways(int status) {
        afterScript = status;
        return this;
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    int port() {
        return server.getAddress().getPort();
    }

    List<Request> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) ->
                    headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
            received.add(new Request(exchange.getRequestURI().getPath(), headers, body));
            Reply reply = script.poll();
            int status = reply == null ? afterScript : reply.status();
            if (reply != null) {
                reply.headers().forEach(exchange.getResponseHeaders()::add);
            }
            exchange.sendResponseHeaders(status, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
