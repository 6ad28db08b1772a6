package dev.weft.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Throwaway databases on the benchmark's PostgreSQL, its commit counter, and pgbench against it. */
final class Postgres {

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");

    private final String adminUrl;
    private final String user;

    Postgres(String adminUrl, String user) {
        this.adminUrl = adminUrl;
        this.user = user;
    }

    /** Creates an empty database; returns its name. */
    String create(String prefix) {
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        execute("CREATE DATABASE " + name);
        return name;
    }

    void drop(String name) {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    String url(String database) {
        int query = adminUrl.indexOf('?');
        String base = query < 0 ? adminUrl : adminUrl.substring(0, query);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + (query < 0 ? "" : adminUrl.substring(query));
    }

    String user() {
        return user;
    }

    /**
     * Transactions committed in the database so far ({@code pg_stat_database.xact_commit}). The
     * statistics are flushed about once a second, so a caller waits a moment after its workload.
     */
    long xactCommit(String database) {
        try (Connection c = connect(adminUrl); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT xact_commit FROM pg_stat_database WHERE datname = '" + database + "'")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Connections open to the database right now, idle ones included (the pools' size). */
    int openConnections(String database) {
        return (int) countIn(adminUrl, "SELECT count(*) FROM pg_stat_activity WHERE datname = '" + database
                + "' AND pid <> pg_backend_pid()");
    }

    /** A {@code SELECT count(*) ...} in the database. */
    long count(String database, String sql) {
        return countIn(url(database), sql);
    }

    /** The first column of the first row of a query in the database, as text (null when no row). */
    String text(String database, String sql) {
        try (Connection c = connect(url(database)); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Closes every connection to the database from the server's side, as a failover would. */
    int terminateConnections(String database) {
        return (int) countIn(adminUrl, "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '"
                + database + "' AND pid <> pg_backend_pid()");
    }

    private long countIn(String url, String sql) {
        try (Connection c = connect(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Connections to the database that are running a statement or hold a transaction open right now. */
    int busyConnections(String database) {
        try (Connection c = connect(adminUrl); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = '" + database
                     + "' AND state <> 'idle' AND pid <> pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Single-row insert TPS of {@code pgbench -c clients -T seconds} in a fresh table of a fresh
     * database: the ceiling of a step that costs one durable write.
     */
    double pgbenchInsertTps(int clients, int seconds, Path workDir) {
        String db = create("bench_pgbench");
        try {
            execute(url(db), "CREATE TABLE t (id bigserial PRIMARY KEY, run text, payload text, at timestamptz)");
            Path script = workDir.resolve("insert.sql");
            Files.createDirectories(workDir);
            Files.writeString(script, "INSERT INTO t (run, payload, at) VALUES ('run_' || :client_id, repeat('x', 100), now());\n");
            Process p = new ProcessBuilder("pgbench", "-n", "-f", script.toString(), "-c", Integer.toString(clients),
                    "-j", Integer.toString(Math.min(clients, 2)), "-T", Integer.toString(seconds),
                    "-h", host(), "-p", port(), "-U", user, db).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor(seconds + 60L, TimeUnit.SECONDS);
            Matcher m = TPS.matcher(out);
            if (!m.find()) {
                throw new IllegalStateException("pgbench printed no TPS:\n" + out);
            }
            return Double.parseDouble(m.group(1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            drop(db);
        }
    }

    /** The server's version and the settings that move the figures, for the report's header. */
    String settings() {
        try (Connection c = connect(adminUrl); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name, setting, unit FROM pg_settings WHERE name IN "
                     + "('server_version', 'synchronous_commit', 'fsync', 'wal_sync_method', 'autovacuum', "
                     + "'shared_buffers', 'max_connections') ORDER BY name")) {
            StringBuilder out = new StringBuilder();
            while (rs.next()) {
                String unit = rs.getString(3);
                out.append(out.isEmpty() ? "" : ", ").append(rs.getString(1)).append('=').append(rs.getString(2))
                        .append(unit == null ? "" : " × " + unit);
            }
            return out.toString();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String host() {
        return adminUrl.replaceFirst("^jdbc:postgresql://", "").replaceFirst("[:/].*$", "");
    }

    private String port() {
        Matcher m = Pattern.compile("^jdbc:postgresql://[^:/]+:(\\d+)").matcher(adminUrl);
        return m.find() ? m.group(1) : "5432";
    }

    private void execute(String sql) {
        execute(adminUrl, sql);
    }

    private void execute(String url, String sql) {
        try (Connection c = connect(url); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on " + url, e);
        }
    }

    private Connection connect(String url) throws SQLException {
        Properties p = new Properties();
        if (!url.contains("user=")) {
            p.setProperty("user", user);
        }
        return DriverManager.getConnection(url, p);
    }
}
