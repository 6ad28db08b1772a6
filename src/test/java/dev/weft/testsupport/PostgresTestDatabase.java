package dev.weft.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Throwaway PostgreSQL databases for tests: each is created through JDBC on an admin database
 * (by default {@code jdbc:postgresql://127.0.0.1:5432/postgres} as user {@code postgres}; override
 * with {@code WEFT_TEST_POSTGRES_URL}, which may carry {@code user} and {@code password}
 * parameters) and dropped when the JVM exits.
 */
public final class PostgresTestDatabase {

    public static final String URL_VARIABLE = "WEFT_TEST_POSTGRES_URL";
    private static final String DEFAULT_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private static final List<String> CREATED = new CopyOnWriteArrayList<>();
    private static volatile String shared;
    private static volatile String unreachable;
    private static volatile boolean probed;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(PostgresTestDatabase::dropAll, "drop-test-databases"));
    }

    private PostgresTestDatabase() {}

    /** Why PostgreSQL cannot be used, with how to fix it; {@code null} when it can. */
    public static synchronized String unavailableReason() {
        if (!probed) {
            probed = true;
            try (Connection c = admin()) {
                c.isValid(2);
            } catch (SQLException e) {
                unreachable = "PostgreSQL is unreachable at " + adminUrl() + " (" + e.getMessage() + "). "
                        + "To run the PostgreSQL tests start PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth) "
                        + "or set " + URL_VARIABLE + " to a JDBC URL of a database whose user may CREATE DATABASE, "
                        + "e.g. jdbc:postgresql://db:5432/postgres?user=me&password=secret";
            }
        }
        return unreachable;
    }

    /** True when a missing PostgreSQL must fail the build instead of skipping its tests (CI=true). */
    public static boolean mandatory() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * Skips the calling test class (JUnit assumption) when PostgreSQL is unreachable, with how to
     * run it; under {@code CI=true} fails it instead.
     */
    public static void assumeAvailable() {
        String reason = unavailableReason();
        if (reason != null && mandatory()) {
            throw new IllegalStateException("CI=true requires PostgreSQL: " + reason);
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(reason == null, reason);
    }

    /** One database shared by every Spring context of this JVM that runs on PostgreSQL. */
    public static synchronized String sharedUrl() {
        if (shared == null) {
            shared = createUrl();
        }
        return shared;
    }

    /** A new, empty database; returns its JDBC URL (with the admin URL's credentials). */
    public static String createUrl() {
        String name = "weft_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + " at " + adminUrl(), e);
        }
        CREATED.add(name);
        return withDatabase(adminUrl(), name);
    }

    /** A new database with the Weft schema migrated into it. */
    public static DataSource migrated() {
        SimpleDriverDataSource ds = new SimpleDriverDataSource(new org.postgresql.Driver(), createUrl(),
                credentials());
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        return ds;
    }

    /** The user for the Spring datasource when the URL does not carry one. */
    public static String user() {
        return credentials().getProperty("user");
    }

    public static String password() {
        return credentials().getProperty("password", "");
    }

    private static Properties credentials() {
        Properties p = new Properties();
        if (!adminUrl().toLowerCase(Locale.ROOT).contains("user=")) {
            p.setProperty("user", "postgres");
        }
        return p;
    }

    private static String adminUrl() {
        String url = System.getenv(URL_VARIABLE);
        return url == null || url.isBlank() ? DEFAULT_ADMIN_URL : url;
    }

    private static Connection admin() throws SQLException {
        DriverManager.setLoginTimeout(3);
        return DriverManager.getConnection(adminUrl(), credentials());
    }

    static String withDatabase(String url, String database) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String params = query < 0 ? "" : url.substring(query);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + params;
    }

    private static void dropAll() {
        if (CREATED.isEmpty()) {
            return;
        }
        try (Connection c = admin(); Statement s = c.createStatement()) {
            for (String name : CREATED) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        } catch (SQLException e) {
            System.err.println("could not drop test databases " + CREATED + ": " + e.getMessage());
        }
    }
}
