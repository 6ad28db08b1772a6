package dev.weft.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;

/**
 * A real S3-compatible server for tests: s3rver 3.7.1 (npm), run with node on a free port over a
 * temporary directory, stopped by {@link #close}. {@code .ci/run} installs it with
 * {@code npm install --prefix .ci/tools/s3rver s3rver@3.7.1}; elsewhere a test using it is skipped
 * with that instruction, or fails under {@code CI=true}. Credentials are s3rver's fixed
 * {@code S3RVER}/{@code S3RVER}.
 */
public final class S3rver implements AutoCloseable {

    public static final String ACCESS_KEY = "S3RVER";
    public static final String SECRET_KEY = "S3RVER";
    private static final String INSTALL = "npm install --prefix .ci/tools/s3rver s3rver@3.7.1";

    private final Process process;
    private final int port;

    private S3rver(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts a server, or skips the calling test (fails it under CI=true) when s3rver is not installed. */
    public static S3rver startOrSkip() {
        Path script = installDir().resolve("node_modules/s3rver/bin/s3rver.js");
        String reason = !Files.isRegularFile(script) ? "s3rver is not installed at " + script + " (run: " + INSTALL + ")"
                : !onPath("node") ? "node is not on the PATH" : null;
        if (reason != null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true requires the S3 test server: " + reason);
            }
            Assumptions.abort("S3 tests skipped: " + reason);
        }
        try {
            int port = freePort();
            Path data = Files.createTempDirectory("weft-s3rver");
            Process process = new ProcessBuilder("node", script.toString(), "-d", data.toString(), "-a", "127.0.0.1",
                    "-p", String.valueOf(port), "--silent")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            S3rver server = new S3rver(process, port);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> !process.isAlive() || server.accepts());
            if (!process.isAlive()) {
                throw new IllegalStateException("s3rver exited with " + process.exitValue());
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Path installDir() {
        String configured = System.getProperty("weft.test.s3rver-dir");
        return configured != null ? Path.of(configured) : Path.of(".ci", "tools", "s3rver").toAbsolutePath();
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null && java.util.Arrays.stream(path.split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
