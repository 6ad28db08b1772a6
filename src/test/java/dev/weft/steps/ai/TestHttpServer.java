package dev.weft.steps.ai;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.weft.outbound.OutboundPolicy;
import dev.weft.outbound.SafeHttpClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * A JDK HTTP server on 127.0.0.1 answering each request with the current canned response and
 * recording what it received.
 */
public final class TestHttpServer implements AutoCloseable {

    public record Received(String method, String path, Map<String, String> headers, byte[] body) {}

    public record Canned(int status, Map<String, String> headers, byte[] body) {}

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Canned next = new Canned(200, Map.of(), new byte[0]);

    public TestHttpServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    public void answer(int status, Map<String, String> headers, byte[] body) {
        next = new Canned(status, headers, body);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public List<Received> received() {
        return received;
    }

    /** A client that may call this server (127.0.0.1 allow-listed), as configured in production otherwise. */
    public static SafeHttpClient allowingLocalhost() {
        return client(OutboundPolicy.fromAllowHostsSetting("127.0.0.1"));
    }

    public static SafeHttpClient client(OutboundPolicy policy) {
        return new SafeHttpClient(policy, Duration.ofSeconds(2), Duration.ofSeconds(5), 3, 1_000_000);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Map<String, String> headers = exchange.getRequestHeaders().entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().toLowerCase(java.util.Locale.ROOT),
                        e -> e.getValue().getFirst(), (a, b) -> a));
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, body));
        Canned canned = next;
        canned.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.sendResponseHeaders(canned.status(), canned.body().length == 0 ? -1 : canned.body().length);
        if (canned.body().length > 0) {
            exchange.getResponseBody().write(canned.body());
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
