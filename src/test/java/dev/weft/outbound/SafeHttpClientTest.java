package dev.weft.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.weft.outbound.OutboundException.Reason;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafeHttpClientTest {

    private static final Duration RESPONSE_TIMEOUT = Duration.ofMillis(300);
    private static final int MAX_REDIRECTS = 3;
    private static final int MAX_BYTES = 1_000;

    private final CountDownLatch releaseSlowHandler = new CountDownLatch(1);
    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    private ExecutorService serverThreads;
    private HttpServer server;
    private SafeHttpClient allowingLocalServer;
    private static final int CONCURRENT = 40;
    private final java.util.concurrent.CountDownLatch together = new java.util.concurrent.CountDownLatch(CONCURRENT);
    private SafeHttpClient strict;

    record Received(String method, String path, String body, Map<String, List<String>> headers) {
    }

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        serverThreads = Executors.newCachedThreadPool();
        server.setExecutor(serverThreads);
        server.createContext("/", exchange -> {
            Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    Map.copyOf(exchange.getRequestHeaders()));
            received.add(request);
            handle(request, exchange);
        });
        server.start();
        allowingLocalServer = client(new OutboundPolicy(List.of("127.0.0.1")));
        strict = client(OutboundPolicy.strict());
    }

    @AfterEach
    void stopServer() {
        releaseSlowHandler.countDown();
        allowingLocalServer.close();
        strict.close();
        server.stop(0);
        serverThreads.shutdownNow();
    }

    private void handle(Received request, HttpExchange exchange) throws IOException {
        switch (request.path()) {
            case "/ok" -> respond(exchange, 200, "hello");
            case "/together" -> {
                together.countDown();
                try {
                    boolean all = together.await(4, java.util.concurrent.TimeUnit.SECONDS);
                    respond(exchange, all ? 200 : 503, all ? "all arrived" : "only some arrived");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            case "/echo" -> respond(exchange, 200, request.method() + " " + request.body());
            case "/see-other" -> redirect(exchange, 303, "/echo");
            case "/temporary" -> redirect(exchange, 307, "echo");
            case "/moved" -> redirect(exchange, 302, "/echo");
            case "/loop" -> redirect(exchange, 302, "/loop");
            case "/to-private" -> redirect(exchange, 302, "http://10.0.0.1/");
            case "/to-metadata" -> redirect(exchange, 301, "http://169.254.169.254/latest/meta-data");
            case "/to-localhost" -> redirect(exchange, 302, "http://localhost:" + port() + "/ok");
            case "/big" -> respond(exchange, 200, "x".repeat(MAX_BYTES + 1));
            case "/big-chunked" -> {
                exchange.sendResponseHeaders(200, 0);
                try (var out = exchange.getResponseBody()) {
                    out.write("y".repeat(MAX_BYTES * 3).getBytes(StandardCharsets.UTF_8));
                }
            }
            case "/exactly-max" -> respond(exchange, 200, "z".repeat(MAX_BYTES));
            case "/slow" -> {
                try {
                    releaseSlowHandler.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                respond(exchange, 200, "late");
            }
            default -> respond(exchange, 404, "no");
        }
    }

    @Test
    void getsFromAnAllowListedHost() throws Exception {
        OutboundResponse response = allowingLocalServer.get(local("/ok"), Map.of("X-Trace", "t1"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyAsString()).isEqualTo("hello");
        assertThat(response.header("content-type")).hasValue("text/plain; charset=utf-8");
        assertThat(response.finalUri()).isEqualTo(local("/ok"));
        assertThat(received.peek().headers()).containsEntry("User-agent", List.of("Weft/0.1"))
                .containsEntry("X-trace", List.of("t1"));
    }

    @Test
    void postsTheBodyWithItsContentType() throws Exception {
        OutboundResponse response = allowingLocalServer.post(local("/echo"), Map.of(),
                "{\"a\":1}".getBytes(StandardCharsets.UTF_8), "application/json");

        assertThat(response.bodyAsString()).isEqualTo("POST {\"a\":1}");
        assertThat(received.peek().headers().get("Content-type")).singleElement().asString().startsWith("application/json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "localhost", "[::1]", "10.1.2.3", "169.254.169.254", "0.0.0.0",
            "[::ffff:127.0.0.1]", "[::]", "[fd00:ec2::254]", "metadata.google.internal"})
    void refusesInternalHostsThatAreNotAllowListed(String host) {
        URI uri = URI.create("http://" + host + ":" + port() + "/ok");

        assertThatThrownBy(() -> strict.get(uri, Map.of()))
                .isInstanceOfSatisfying(OutboundBlockedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.BLOCKED);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains(host.replace("[", "").replace("]", ""));
                });
        assertThat(received).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://2130706433/", "http://0177.0.0.1/", "http://127.1/"})
    void refusesAmbiguousNumericHosts(String url) {
        assertThatThrownBy(() -> strict.get(URI.create(url), Map.of()))
                .isInstanceOfSatisfying(OutboundException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_URL));
    }

    @Test
    void refusesLocalhostByNameAfterResolvingIt() {
        // Only the literal 127.0.0.1 is allow-listed; "localhost" resolves to loopback and is refused.
        assertThatThrownBy(() -> allowingLocalServer.get(URI.create("http://localhost:" + port() + "/ok"), Map.of()))
                .isInstanceOf(OutboundBlockedException.class)
                .hasMessageContaining("localhost")
                .hasMessageContaining("resolves to a loopback address");
    }

    @Test
    void refusesARedirectToAPrivateAddress() {
        assertThatThrownBy(() -> allowingLocalServer.get(local("/to-private"), Map.of()))
                .isInstanceOf(OutboundBlockedException.class)
                .hasMessageContaining("10.0.0.1");
    }

    @Test
    void refusesARedirectToTheMetadataService() {
        assertThatThrownBy(() -> allowingLocalServer.post(local("/to-metadata"), Map.of(), new byte[0], "text/plain"))
                .isInstanceOf(OutboundBlockedException.class)
                .hasMessageContaining("169.254.169.254");
    }

    @Test
    void refusesARedirectToAHostNameThatResolvesInternally() {
        assertThatThrownBy(() -> allowingLocalServer.get(local("/to-localhost"), Map.of()))
                .isInstanceOf(OutboundBlockedException.class)
                .hasMessageContaining("localhost");
        assertThat(received).extracting(Received::path).containsExactly("/to-localhost");
    }

    @Test
    void followsA303AsAGetWithoutTheBody() throws Exception {
        OutboundResponse response = allowingLocalServer.post(local("/see-other"), Map.of("Authorization", "Bearer t"),
                "payload".getBytes(StandardCharsets.UTF_8), "text/plain");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyAsString()).isEqualTo("GET ");
        assertThat(response.finalUri()).isEqualTo(local("/echo"));
        assertThat(received).extracting(Received::method).containsExactly("POST", "GET");
        // Same origin: credentials still go along.
        assertThat(received).last().extracting(r -> r.headers().get("Authorization")).isEqualTo(List.of("Bearer t"));
    }

    @Test
    void dropsCredentialsWhenARedirectLeavesTheOrigin() throws Exception {
        try (SafeHttpClient client = client(new OutboundPolicy(List.of("127.0.0.1", "localhost")))) {
            OutboundResponse response = client.get(local("/to-localhost"),
                    Map.of("Authorization", "Bearer t", "X-Trace", "t1"));

            assertThat(response.finalUri().getHost()).isEqualTo("localhost");
        }
        Received followed = received.stream().skip(1).findFirst().orElseThrow();
        assertThat(followed.headers()).doesNotContainKey("Authorization").containsEntry("X-trace", List.of("t1"));
    }

    @Test
    void followsA302AfterAPostAsAGet() throws Exception {
        OutboundResponse response = allowingLocalServer.post(local("/moved"), Map.of(),
                "payload".getBytes(StandardCharsets.UTF_8), "text/plain");

        assertThat(response.bodyAsString()).isEqualTo("GET ");
    }

    @Test
    void followsA307KeepingMethodAndBodyAndResolvingARelativeLocation() throws Exception {
        OutboundResponse response = allowingLocalServer.post(local("/temporary"), Map.of(),
                "payload".getBytes(StandardCharsets.UTF_8), "text/plain");

        assertThat(response.bodyAsString()).isEqualTo("POST payload");
        assertThat(response.finalUri()).isEqualTo(local("/echo"));
    }

    @Test
    void stopsARedirectLoop() {
        assertThatThrownBy(() -> allowingLocalServer.get(local("/loop"), Map.of()))
                .isInstanceOfSatisfying(OutboundException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_REDIRECTS));
        assertThat(received).hasSize(MAX_REDIRECTS + 1);
    }

    @Test
    void timesOutOnASlowServerAsARetryableFailure() {
        assertThatThrownBy(() -> allowingLocalServer.get(local("/slow"), Map.of()))
                .isInstanceOfSatisfying(OutboundException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
                    assertThat(e.retryable()).isTrue();
                });
    }

    @Test
    void refusedConnectionIsARetryableConnectFailure() throws IOException {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        assertThatThrownBy(() -> allowingLocalServer.get(URI.create("http://127.0.0.1:" + closedPort + "/"), Map.of()))
                .isInstanceOfSatisfying(OutboundException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.CONNECT_FAILED);
                    assertThat(e.retryable()).isTrue();
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"/big", "/big-chunked"})
    void refusesABodyLargerThanTheLimit(String path) {
        assertThatThrownBy(() -> allowingLocalServer.get(local(path), Map.of()))
                .isInstanceOfSatisfying(OutboundException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.RESPONSE_TOO_LARGE));
    }

    @Test
    void manyRequestsToOneHostAreInFlightAtOnce() throws Exception {
        try (SafeHttpClient client = new SafeHttpClient(new OutboundPolicy(List.of("127.0.0.1")), Duration.ofSeconds(2),
                Duration.ofSeconds(10), MAX_REDIRECTS, MAX_BYTES);
             var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<OutboundResponse>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < CONCURRENT; i++) {
                calls.add(threads.submit(() -> client.get(local("/together"), Map.of())));
            }
            for (var call : calls) {
                assertThat(call.get().status()).isEqualTo(200);
            }
        }
    }

    @Test
    void acceptsABodyOfExactlyTheLimit() throws Exception {
        assertThat(allowingLocalServer.get(local("/exactly-max"), Map.of()).body()).hasSize(MAX_BYTES);
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "ftp://127.0.0.1/x", "gopher://127.0.0.1:70/_x",
            "http://user:pass@127.0.0.1/ok"})
    void refusesNonHttpSchemesAndUserInfo(String url) {
        assertThatThrownBy(() -> allowingLocalServer.get(URI.create(url), Map.of()))
                .isInstanceOfSatisfying(OutboundException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_URL));
    }

    private SafeHttpClient client(OutboundPolicy policy) {
        return new SafeHttpClient(policy, Duration.ofSeconds(2), RESPONSE_TIMEOUT, MAX_REDIRECTS, MAX_BYTES);
    }

    private URI local(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    private int port() {
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void redirect(HttpExchange exchange, int status, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }
}
