package dev.weft.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node KRaft Kafka broker in its own JVM, from the Kafka server artifacts on the test
 * classpath, so a test can stop, kill and restart it on the same data while the service runs.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    private final Path dir;
    private final int port = ChildJvm.freePort();
    private final int controllerPort = ChildJvm.freePort();
    private ChildJvm jvm;

    public KafkaBrokerProcess(Path dir) {
        this.dir = dir;
        writeConfigAndFormat();
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public KafkaBrokerProcess start() {
        jvm = ChildJvm.start("kafka.Kafka", List.of("-Xmx512m", "-XX:+UseSerialGC"), List.of(config().toString()),
                dir.resolve("broker.log"), false);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(this::ready);
        return this;
    }

    public void stop() throws InterruptedException {
        jvm.stop();
    }

    public void kill9() throws InterruptedException {
        jvm.kill9();
    }

    private boolean ready() {
        if (!jvm.isAlive()) {
            throw new IllegalStateException("Kafka broker exited; see " + jvm.log());
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        } catch (IOException e) {
            return false;
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000))) {
            return !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    private Path config() {
        return dir.resolve("server.properties");
    }

    private void writeConfigAndFormat() {
        try {
            Files.createDirectories(dir);
            Files.writeString(config(), String.join("\n",
                    "process.roles=broker,controller",
                    "node.id=1",
                    "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                    "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                    "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                    "controller.listener.names=CONTROLLER",
                    "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                    "inter.broker.listener.name=PLAINTEXT",
                    "log.dirs=" + dir.resolve("data"),
                    "num.partitions=4",
                    "offsets.topic.replication.factor=1",
                    "offsets.topic.num.partitions=4",
                    "transaction.state.log.replication.factor=1",
                    "transaction.state.log.min.isr=1",
                    "group.initial.rebalance.delay.ms=0",
                    "auto.create.topics.enable=true",
                    ""));
            ChildJvm format = ChildJvm.start("kafka.tools.StorageTool", List.of("-Xmx256m"),
                    List.of("format", "-t", Uuid.randomUuid().toString(), "-c", config().toString()),
                    dir.resolve("format.log"), false);
            await().atMost(Duration.ofSeconds(60)).until(() -> !format.isAlive());
            if (!Files.exists(dir.resolve("data").resolve("meta.properties"))) {
                throw new IllegalStateException("formatting the Kafka storage failed; see " + dir.resolve("format.log"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (jvm != null) {
            jvm.close();
        }
    }
}
