package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.weft.testsupport.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The service as a new user first starts it, in a process of its own with the README command's
 * JVM settings and a fresh data directory, in the dev profile: one banner that says where the API,
 * the console and the data are and what the key is; development mode said loudly; none of the
 * JVM's or the libraries' warnings a user cannot act on; and loopback reachable, so a webhook to a
 * receiver on this machine is delivered.
 */
class FirstStartTest {

    private static final Pattern KEY = Pattern.compile("API key of app 'default': (\\S+)");

    /** What {@code ./mvnw spring-boot:run} passes (pom.xml, weft.run.jvm-arguments and its JDK 24+ profile). */
    private static List<String> readmeJvmArguments() {
        List<String> args = new ArrayList<>(List.of("--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-Xms32m",
                "-XX:MaxHeapFreeRatio=30", "-XX:MinHeapFreeRatio=10"));
        if (Runtime.version().feature() >= 24) {
            args.add("--sun-misc-unsafe-memory-access=allow");
        }
        return args;
    }

    @Test
    void aFirstStartInTheDevProfileShowsOneTidyBannerAndReachesLoopback() throws Exception {
        Path dir = Files.createDirectories(Path.of("target/test-data/first-start-" + System.nanoTime()));
        int port = ChildJvm.freePort();
        try (LocalReceiver receiver = new LocalReceiver();
             ChildJvm service = ChildJvm.start("dev.weft.WeftApplication", readmeJvmArguments(),
                     List.of("--server.port=" + port, "--weft.data-dir=" + dir.resolve("data"),
                             "--spring.profiles.active=dev"),
                     dir.resolve("service.log"), false)) {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300))
                    .until(() -> log(service).contains("Weft is ready") || !service.isAlive());
            String log = log(service);
            Matcher key = KEY.matcher(log);
            assertThat(key.find()).as(log).isTrue();
            Http http = new Http("http://127.0.0.1:" + port, key.group(1));

            String runId = http.post("/v1/workflows/run", """
                    {"plan": {"steps": [{"id": "tell", "type": "emit_webhook", "input": {"url": "%s", "payload": {"hello": 1}}}]}}"""
                    .formatted(receiver.url("/hook"))).expect(202).json().get("runId").asString();
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    "completed".equals(http.get("/v1/workflows/runs/" + runId).expect(200).json().get("status").asString()));

            assertThat(log).contains("Weft is ready at http://localhost:" + port,
                    "Console: http://localhost:" + port + "/console", "Data: " + dir.resolve("data").toAbsolutePath().normalize(),
                    "DEVELOPMENT MODE");
            assertThat(log.split("Weft is ready", -1)).as("one banner").hasSize(2);
            assertThat(log).as("nothing a user cannot act on")
                    .doesNotContain("sun.misc.Unsafe", "WARNING: ", "CUDA", "cuda", "Exception", "ERROR");
            assertThat(receiver.at("/hook")).singleElement()
                    .satisfies(r -> assertThat(r.body()).contains("\"hello\":1"));
            JsonNode run = http.get("/v1/workflows/runs/" + runId).expect(200).json();
            assertThat(run.at("/steps/0/status").asString()).isEqualTo("succeeded");
        }
    }

    private static String log(ChildJvm service) throws IOException {
        return Files.exists(service.log()) ? Files.readString(service.log()) : "";
    }
}
