package dev.weft.fault;

import static org.awaitility.Awaitility.await;

import dev.weft.it.Http;
import dev.weft.testsupport.ChildJvm;
import dev.weft.testsupport.KafkaBrokerProcess;
import dev.weft.testsupport.PostgresTestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The distributed topology as real processes: one throwaway PostgreSQL database, one Kafka broker
 * JVM, one {@code api} JVM and two {@code worker} JVMs of Weft, tuned so that leases expire, dead
 * consumers leave the group and lost dispatches are re-published within seconds.
 */
final class WeftCluster implements AutoCloseable {

    static final String API_KEY = "wk_fault_test_key_0000000000000000001";
    private static final String APP_ID = "fault-app";

    private final Path dir;
    private final String dbUrl;
    final KafkaBrokerProcess broker;
    private final List<ChildJvm> processes = new CopyOnWriteArrayList<>();
    private final List<ChildJvm> workers = new CopyOnWriteArrayList<>();
    private final int apiPort = ChildJvm.freePort();
    private int started;

    private WeftCluster(Path dir) {
        this.dir = dir;
        this.dbUrl = PostgresTestDatabase.createUrl();
        this.broker = new KafkaBrokerProcess(dir.resolve("kafka"));
    }

    /** Starts the broker, then the api and two workers, and waits until all three are healthy. */
    static WeftCluster start(Path dir) {
        WeftCluster cluster = new WeftCluster(dir);
        try {
            cluster.broker.start();
            List<Integer> ports = new ArrayList<>();
            ports.add(cluster.apiPort);
            cluster.startService("api", cluster.apiPort, cluster.broker.bootstrapServers());
            for (int i = 0; i < 2; i++) {
                int port = ChildJvm.freePort();
                ports.add(port);
                cluster.workers.add(cluster.startService("worker", port, cluster.broker.bootstrapServers()));
            }
            ports.forEach(WeftCluster::awaitHealthy);
            return cluster;
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    Http api() {
        return http(apiPort);
    }

    static Http http(int port) {
        return new Http("http://127.0.0.1:" + port, API_KEY);
    }

    List<ChildJvm> workers() {
        return List.copyOf(workers);
    }

    /** Starts a worker in place of one that died; does not wait for it. */
    void replaceWorker(ChildJvm dead) {
        workers.remove(dead);
        workers.add(startService("worker", ChildJvm.freePort(), broker.bootstrapServers()));
    }

    /**
     * Starts a Weft process. Only {@code api} processes get the bootstrap app (workers serve no API);
     * {@code bootstrapServers} may name an address where no broker listens.
     */
    ChildJvm startService(String role, int port, String bootstrapServers) {
        int n = ++started;
        List<String> args = new ArrayList<>(List.of(
                "--spring.datasource.url=" + dbUrl,
                "--spring.datasource.username=" + PostgresTestDatabase.user(),
                "--spring.datasource.password=" + PostgresTestDatabase.password(),
                "--spring.datasource.hikari.maximum-pool-size=6",
                "--spring.datasource.hikari.connection-timeout=5000",
                "--spring.kafka.bootstrap-servers=" + bootstrapServers,
                // a killed worker leaves the group (and its partitions move) within seconds
                "--spring.kafka.consumer.properties.session.timeout.ms=6000",
                "--spring.kafka.consumer.properties.heartbeat.interval.ms=1000",
                "--spring.kafka.admin.operation-timeout=3s",
                "--weft.role=" + role,
                "--server.port=" + port,
                "--weft.data-dir=" + dir.resolve(role + "-" + n),
                "--weft.outbound.allow-hosts=127.0.0.1",
                "--weft.providers.warm-up=false",
                "--weft.engine.lease=PT3S",
                "--weft.engine.poll-interval=PT0.2S",
                "--weft.engine.pending-run-grace=PT2S",
                "--weft.kafka.partitions=4",
                "--weft.kafka.relay-interval=PT0.2S",
                "--weft.kafka.send-timeout=PT5S",
                "--weft.kafka.redispatch-after=PT3S"));
        if (role.equals("api")) {
            args.add("--weft.bootstrap.app-id=" + APP_ID);
            args.add("--weft.bootstrap.api-key=" + API_KEY);
        }
        ChildJvm jvm = ChildJvm.start("dev.weft.WeftApplication",
                List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), args,
                dir.resolve(role + "-" + n + ".log"), false);
        processes.add(jvm);
        return jvm;
    }

    static void awaitHealthy(int port) {
        Http http = new Http("http://127.0.0.1:" + port, null);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300)).ignoreExceptions()
                .until(() -> http.get("/actuator/health").status() == 200);
    }

    /** Closes every server-side connection to the test database, as a database failover would. */
    int dropDatabaseConnections() {
        return query("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                + "WHERE datname = current_database() AND pid <> pg_backend_pid()", rs -> rs.getInt(1)).getFirst();
    }

    /** The process id the step's lease owner runs in (owners are {@code pid@host/uuid}); null when unleased. */
    Long leaseOwnerPid(String runId, String stepId) {
        List<String> owners = query("SELECT lease_owner FROM run_steps WHERE run_id = ? AND step_id = ?",
                rs -> rs.getString(1), runId, stepId);
        String owner = owners.isEmpty() ? null : owners.getFirst();
        return owner == null ? null : Long.parseLong(owner.substring(0, owner.indexOf('@')));
    }

    boolean stepStarted(String runId, String stepId) {
        return !query("SELECT 1 FROM run_steps WHERE run_id = ? AND step_id = ? AND first_started_at IS NOT NULL",
                rs -> rs.getInt(1), runId, stepId).isEmpty();
    }

    int outboxRows(String runId) {
        return query("SELECT count(*) FROM dispatch_outbox WHERE run_id = ?", rs -> rs.getInt(1), runId).getFirst();
    }

    interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    <T> List<T> query(String sql, Row<T> row, Object... params) {
        Properties credentials = new Properties();
        credentials.setProperty("user", PostgresTestDatabase.user());
        credentials.setProperty("password", PostgresTestDatabase.password());
        try (Connection c = DriverManager.getConnection(dbUrl, credentials);
             PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(row.read(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    @Override
    public void close() {
        for (ChildJvm jvm : processes) {
            try {
                jvm.kill9(); // nothing to shut down gracefully: the database is thrown away
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            broker.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
