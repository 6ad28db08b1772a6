package dev.weft.common;

import java.util.List;

/**
 * The largest values the store keeps, in one place: every write path checks its text fields
 * against these before writing, so a value the database would refuse is a 422 naming the field
 * rather than a failed insert. {@link #COLUMNS} lists the columns each limit guards; a test reads
 * the schema on H2 and PostgreSQL and fails when a column and its limit disagree.
 */
public final class FieldLimits {

    /** Webhook URLs, provider base URLs. */
    public static final int URL = 2048;
    /** A run's idempotency key. */
    public static final int IDEMPOTENCY_KEY = 200;
    /** App, key and subscription names. */
    public static final int NAME = 200;
    /** A webhook subscription's description. */
    public static final int DESCRIPTION = 500;
    /** A provider model name (step inputs' {@code model} say the same in their schemas). */
    public static final int MODEL = 200;
    /** A provider name (step inputs' {@code provider} say the same in their schemas). */
    public static final int PROVIDER = 64;
    /** An app's provider API key in clear; sealed it must fit the 4,096-character column. */
    public static final int PROVIDER_API_KEY = 1000;
    /** Any amount of money in US dollars (budgets): beyond this it is a typo, not a budget. */
    public static final double MAX_USD = 1_000_000_000;

    /** A column and the limit that guards it. */
    public record Column(String table, String column, int limit) {}

    public static final List<Column> COLUMNS = List.of(
            new Column("runs", "webhook_url", URL),
            new Column("runs", "idempotency_key", IDEMPOTENCY_KEY),
            new Column("webhook_subscriptions", "url", URL),
            new Column("webhook_subscriptions", "description", DESCRIPTION),
            new Column("webhook_deliveries", "url", URL),
            new Column("provider_keys", "base_url", URL),
            new Column("apps", "name", NAME),
            new Column("api_keys", "name", NAME),
            new Column("app_provider_defaults", "model", MODEL),
            new Column("app_provider_defaults", "provider", PROVIDER),
            new Column("provider_usage", "model", MODEL),
            new Column("provider_usage", "provider", PROVIDER));

    private FieldLimits() {}

    /** @throws InvalidFieldException when the value is longer than {@code max} characters */
    public static String requireLength(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw new InvalidFieldException(field, "must be at most " + max + " characters (got " + value.length() + ")");
        }
        return value;
    }
}
