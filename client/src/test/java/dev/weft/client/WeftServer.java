package dev.weft.client;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The real Weft service for the client's tests: the service's own jar (built by the service's
 * {@code ./mvnw package}) started once in a child JVM, embedded mode, on a free port, with a
 * known API key. Stopped when the test JVM ends.
 */
public final class WeftServer {

    public static final String KEY = "wk_client_tests_key_0000000000000001";
    public static final String ADMIN = "client-tests-admin-token";
    private static WeftServer shared;

    public final int port;
    private final Process process;

    private WeftServer(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    public static synchronized WeftServer get() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> shared.process.destroy()));
        }
        return shared;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public WeftClient client() {
        return WeftClient.builder().baseUrl(url()).apiKey(KEY).build();
    }

    private static WeftServer start() {
        Path jar = Path.of(System.getProperty("weft.server.jar", "../target/weft-0.1.0-SNAPSHOT.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException("the service's jar is missing: run ./mvnw -DskipTests package in the "
                    + "repository root first (" + jar.toAbsolutePath() + ")");
        }
        try {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Path data = Files.createTempDirectory("weft-client-tests");
            Path log = data.resolve("server.log");
            // the service needs Java 21+; the client's tests may run on 17 (weft.server.java names a newer java)
            String java = System.getProperty("weft.server.java", "");
            if (java.isBlank()) {
                java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            }
            List<String> command = new ArrayList<>(List.of(java,
                    "--enable-native-access=ALL-UNNAMED", "-Xmx512m", "-jar", jar.toAbsolutePath().toString()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("SERVER_PORT", Integer.toString(port));
            builder.environment().put("WEFT_DATA_DIR", data.toString());
            builder.environment().put("WEFT_BOOTSTRAP_APP_ID", "client-tests");
            builder.environment().put("WEFT_BOOTSTRAP_API_KEY", KEY);
            builder.environment().put("WEFT_ADMIN_TOKEN", ADMIN);
            builder.environment().put("WEFT_DEV", "true"); // webhook deliveries to this test's local receiver
            Process process = builder.start();
            HttpClient http = HttpClient.newHttpClient();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the service exited: " + Files.readString(log));
                }
                try {
                    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                            HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
                } catch (IOException e) {
                    return false;
                }
            });
            return new WeftServer(port, process);
        } catch (IOException e) {
            throw new IllegalStateException("could not start the service", e);
        }
    }
}
