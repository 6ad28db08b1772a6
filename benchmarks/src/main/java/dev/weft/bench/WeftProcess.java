package dev.weft.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The service in one mode, as a separate JVM started from the built jar. */
final class WeftProcess implements AutoCloseable {

    static final String API_KEY = "wk_benchmark_key_00000000000000000001";
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private final Process process;
    private final Path log;
    private final WeftClient client;

    private WeftProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.client = new WeftClient("http://127.0.0.1:" + port, API_KEY);
    }

    /**
     * @param jdbcUrl   PostgreSQL database for the PostgreSQL modes, else null
     * @param kafka     bootstrap servers for the distributed mode, else null
     * @param extraArgs further {@code --name=value} settings
     */
    static WeftProcess start(Config config, Mode mode, String jdbcUrl, String kafka, Path workDir, List<String> extraArgs) {
        return start(config, mode, jdbcUrl, kafka, UUID.randomUUID().toString().substring(0, 8), workDir, extraArgs);
    }

    /** @param topicSuffix names the steps topic and consumer group: the same one for a restart of the same service */
    static WeftProcess start(Config config, Mode mode, String jdbcUrl, String kafka, String topicSuffix, Path workDir,
                             List<String> extraArgs) {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(config.java().toString()));
        config.serviceJvm().forEach(option -> command.add(option.replace("{dir}", workDir.toAbsolutePath().toString())));
        command.addAll(List.of("-jar", config.serviceJar().toString(),
                "--server.port=" + port, "--weft.data-dir=" + workDir.resolve("data"),
                "--weft.bootstrap.app-id=bench", "--weft.bootstrap.api-key=" + API_KEY,
                "--weft.providers.warm-up=false", "--weft.outbound.allow-hosts=127.0.0.1",
                "--weft.rate-limits.enabled=false",
                "--logging.level.root=WARN"));
        if (mode.postgres) {
            command.addAll(List.of("--spring.datasource.url=" + jdbcUrl, "--spring.datasource.username=" + config.pgUser(),
                    "--spring.datasource.password="));
        }
        if (mode.kafka) {
            String suffix = topicSuffix;
            command.addAll(List.of("--spring.kafka.bootstrap-servers=" + kafka, "--weft.kafka.topic=bench.steps." + suffix,
                    "--weft.kafka.dead-letter-topic=bench.steps." + suffix + ".DLT",
                    "--weft.kafka.consumer-group=bench-" + suffix));
        }
        command.addAll(mode.serviceArgs);
        command.addAll(extraArgs);
        try {
            Files.createDirectories(workDir);
            Path log = workDir.resolve("weft.log");
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            WeftProcess weft = new WeftProcess(p, log, port);
            weft.awaitHealthy();
            return weft;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    WeftClient client() {
        return client;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hooks, as after an OOM kill or a power cut. */
    void kill9() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    long pid() {
        return process.pid();
    }

    /** Threads of the service process (platform threads: virtual ones are not OS threads), from /proc. */
    int threads() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid() + "/status"))) {
                if (line.startsWith("Threads:")) {
                    return Integer.parseInt(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no Threads for " + pid());
    }

    /** Resident set size from /proc, in MiB. */
    double rssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no VmRSS for " + pid());
    }

    /** Live heap after a full collection, in MiB (jcmd GC.run, then GC.heap_info). */
    double liveHeapMiB(Config config) {
        jcmd(config, "GC.run");
        Matcher m = HEAP_USED.matcher(jcmd(config, "GC.heap_info"));
        if (!m.find()) {
            throw new IllegalStateException("cannot read the heap from jcmd GC.heap_info");
        }
        return Long.parseLong(m.group(1)) / 1024.0;
    }

    private String jcmd(Config config, String command) {
        try {
            Process p = new ProcessBuilder(config.java().resolveSibling("jcmd").toString(), Long.toString(pid()), command)
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor(60, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitHealthy() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (!client.healthy()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited during startup; see " + log);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the service did not become healthy in 180 s; see " + log);
            }
            Bench.sleep(250);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
