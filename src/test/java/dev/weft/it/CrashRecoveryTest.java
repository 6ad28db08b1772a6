package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * kill -9 of the whole service while a step is executing: after a restart on the same data the
 * step runs again (with the same webhook id, so its receiver can de-duplicate) and the run completes.
 */
class CrashRecoveryTest {

    private static final String KEY = "wk_crash_test_key_000000000000000001";

    @TempDir
    Path dataDir;

    @Test
    void aRunSurvivesAKillNineOfTheProcessInTheMiddleOfAStep() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        HoldingReceiver receiver = new HoldingReceiver(release);
        int port = freePort();
        Process first = startService(port);
        Process second = null;
        try {
            Http http = new Http("http://127.0.0.1:" + port, KEY);
            awaitUp(http);
            String runId = http.post("/v1/workflows/run", """
                    {"plan": {"steps": [
                      {"id": "prepare", "type": "transform", "input": {"n": 1}},
                      {"id": "notify", "type": "emit_webhook", "input": {"url": "%s", "payload": {"n": "{{ steps.prepare.output.n }}"}}},
                      {"id": "finish", "type": "transform", "input": {"done": true}}]}}""".formatted(receiver.url()))
                    .expect(202).json().get("runId").asString();
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received.size() == 1);

            first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            second = startService(port);
            awaitUp(http);

            JsonNode run = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> http.get("/v1/workflows/runs/" + runId).json(),
                            r -> r.get("status").asString().equals("completed"));
            assertThat(ApiTestBase.step(run, "finish").at("/output/done").asBoolean()).isTrue();
            assertThat(ApiTestBase.step(run, "prepare").get("attempts").asInt()).isEqualTo(1);
            assertThat(ApiTestBase.step(run, "notify").path("interruptions").asInt()).as("run %s", run).isEqualTo(1);
            assertThat(receiver.received).hasSize(2);
            assertThat(receiver.received.get(0)).isEqualTo(receiver.received.get(1));
        } finally {
            release.countDown();
            first.destroyForcibly();
            if (second != null) {
                second.destroy();
                second.waitFor(20, TimeUnit.SECONDS);
                second.destroyForcibly();
            }
            receiver.close();
        }
    }

    private Process startService(int port) throws IOException {
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = List.of(java, "-Xmx512m", "-cp", classpath, "dev.weft.WeftApplication",
                "--server.port=" + port, "--weft.data-dir=" + dataDir, "--weft.bootstrap.app-id=crash-app",
                "--weft.bootstrap.api-key=" + KEY, "--weft.outbound.allow-hosts=127.0.0.1",
                "--weft.engine.poll-interval=PT0.1S", "--weft.providers.warm-up=false");
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("service-" + System.nanoTime() + ".log").toFile()).start();
    }

    private static void awaitUp(Http http) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> http.get("/actuator/health").status() == 200);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Holds the first request open (the process dies meanwhile); answers later ones at once. */
    private static final class HoldingReceiver implements AutoCloseable {
        final List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final com.sun.net.httpserver.HttpServer server;

        HoldingReceiver(CountDownLatch release) throws IOException {
            server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                received.add(exchange.getRequestHeaders().getFirst("webhook-id"));
                try {
                    if (received.size() == 1) {
                        release.await(60, TimeUnit.SECONDS);
                    }
                    exchange.sendResponseHeaders(200, -1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (IOException e) {
                    // the client died: expected for the first request
                } finally {
                    exchange.close();
                }
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
