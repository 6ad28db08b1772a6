package dev.weft.fault;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A webhook receiver on 127.0.0.1 that records the {@code webhook-id} of every request per path.
 * On a path {@link #holdFirst held}, the first request stays open until {@link #release released}
 * (the worker sending it is then mid-step), later ones are answered at once.
 */
final class WebhookReceiver implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, List<String>> ids = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> holds = new ConcurrentHashMap<>();

    WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                String path = exchange.getRequestURI().getPath();
                List<String> received = ids.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>());
                received.add(exchange.getRequestHeaders().getFirst("webhook-id"));
                CountDownLatch hold = holds.get(path);
                if (hold == null) {
                    hold = holds.entrySet().stream().filter(h -> h.getKey().endsWith("/") && path.startsWith(h.getKey()))
                            .map(Map.Entry::getValue).findFirst().orElse(null);
                }
                if (hold != null && received.size() == 1) {
                    hold.await(120, TimeUnit.SECONDS);
                }
                exchange.sendResponseHeaders(200, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // the sender died while its request was held: what the test wanted
            }
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Holds the first request on each path under {@code prefix} (which ends with '/'). */
    void holdFirstUnder(String prefix) {
        if (!prefix.endsWith("/")) {
            throw new IllegalArgumentException("a prefix ends with '/'");
        }
        holds.put(prefix, new CountDownLatch(1));
    }

    /** How many paths under {@code prefix} received a request. */
    int pathsUnder(String prefix) {
        return (int) ids.keySet().stream().filter(p -> p.startsWith(prefix)).count();
    }

    void holdFirst(String path) {
        holds.put(path, new CountDownLatch(1));
    }

    void release(String path) {
        CountDownLatch hold = holds.get(path);
        if (hold != null) {
            hold.countDown();
        }
    }

    /** The webhook ids received on {@code path}, in arrival order. */
    List<String> ids(String path) {
        return List.copyOf(ids.getOrDefault(path, List.of()));
    }

    @Override
    public void close() {
        holds.values().forEach(CountDownLatch::countDown);
        server.stop(0);
    }
}
