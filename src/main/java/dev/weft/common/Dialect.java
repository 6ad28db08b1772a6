package dev.weft.common;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * The few places where H2 and PostgreSQL differ; every other statement is plain SQL both accept.
 * Obtain it as a bean (see {@link StoreConfiguration}); it is detected from the connected database.
 */
public enum Dialect {
    H2, POSTGRESQL;

    public static Dialect detect(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            return product.contains("postgres") ? POSTGRESQL : H2;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read database metadata", e);
        }
    }

    /** Row lock that skips rows other transactions hold (for pollers), where supported. */
    public String forUpdateSkipLocked() {
        return this == POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : "";
    }

    /**
     * An {@code UPDATE} that also returns {@code columns} of the rows it changed, in one round trip:
     * {@code RETURNING} on PostgreSQL, a data change delta table on H2. The update names its table
     * {@code u} ({@code UPDATE run_steps u SET ...}) and the columns refer to it the same way.
     */
    public String updateReturning(String update, String columns) {
        return switch (this) {
            case POSTGRESQL -> update + " RETURNING " + columns;
            case H2 -> "SELECT " + columns + " FROM FINAL TABLE (" + update + ") u";
        };
    }

    /**
     * Seconds (fractional, possibly negative) from the timestamp {@code column} to a time given as
     * one {@code ?} parameter.
     */
    public String secondsSince(String column) {
        return switch (this) {
            case POSTGRESQL -> "EXTRACT(EPOCH FROM (CAST(? AS TIMESTAMP WITH TIME ZONE) - " + column + "))";
            case H2 -> "(DATEDIFF(MICROSECOND, " + column + ", CAST(? AS TIMESTAMP WITH TIME ZONE)) / 1000000.0)";
        };
    }

    /**
     * The database's current time plus a number of milliseconds given as one {@code ?} parameter (a
     * long). Leases are measured by this clock, so processes whose own clocks disagree still agree
     * on when a lease ends.
     */
    public String nowPlusMillis() {
        return switch (this) {
            case POSTGRESQL -> "(CURRENT_TIMESTAMP + (? * INTERVAL '1 millisecond'))";
            case H2 -> "DATEADD(MILLISECOND, ?, CURRENT_TIMESTAMP)";
        };
    }
}
