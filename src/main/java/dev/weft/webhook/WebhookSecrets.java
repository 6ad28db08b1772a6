package dev.weft.webhook;

import static dev.weft.webhook.Timestamps.db;
import static dev.weft.webhook.Timestamps.read;

import dev.weft.webhook.signing.StandardWebhooks;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * One signing secret per app in {@code webhook_secrets}, created on first use. Rotating keeps the
 * previous secret signing for {@code weft.webhooks.rotation-grace}, so receivers can switch over
 * without rejecting a single delivery.
 */
@Service
public class WebhookSecrets {

    /** An app's secret as the API shows it; the previous one is never shown again. */
    public record Secret(String secret, Instant rotatedAt, Instant previousValidUntil) {}

    private record Row(String secret, String previous, Instant previousValidUntil, Instant rotatedAt) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final WebhookProperties properties;

    public WebhookSecrets(JdbcClient jdbc, Clock clock, WebhookProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    public Secret current(String appId) {
        Row row = getOrCreate(appId);
        Instant now = clock.instant();
        return new Secret(row.secret(), row.rotatedAt(), stillValid(row, now) ? row.previousValidUntil() : null);
    }

    /** Replaces the secret; the old one keeps signing until the grace period ends. */
    public Secret rotate(String appId) {
        while (true) {
            Row row = getOrCreate(appId);
            Instant now = Timestamps.micros(clock.instant());
            Instant graceEnd = now.plus(properties.rotationGrace());
            // Compare-and-set on the secret: of two concurrent rotations one wins, the other retries
            // from the winner's secret, so the previous secret is always one a receiver has seen.
            int updated = jdbc.sql("""
                    UPDATE webhook_secrets SET secret = ?, previous_secret = ?, previous_valid_until = ?, rotated_at = ?
                    WHERE app_id = ? AND secret = ?""")
                    .params(StandardWebhooks.newSecret(), row.secret(), db(graceEnd), db(now), appId, row.secret())
                    .update();
            if (updated == 1) {
                return current(appId);
            }
        }
    }

    /** The secrets a delivery sent at {@code now} is signed with: the current one, then the previous in grace. */
    public List<String> signingSecrets(String appId, Instant now) {
        Row row = getOrCreate(appId);
        List<String> secrets = new ArrayList<>(2);
        secrets.add(row.secret());
        if (stillValid(row, now)) {
            secrets.add(row.previous());
        }
        return List.copyOf(secrets);
    }

    private static boolean stillValid(Row row, Instant now) {
        return row.previous() != null && row.previousValidUntil() != null && row.previousValidUntil().isAfter(now);
    }

    private Row getOrCreate(String appId) {
        Optional<Row> existing = find(appId);
        if (existing.isPresent()) {
            return existing.get();
        }
        // Created concurrently by another request: theirs is the secret. No exception, so the caller's
        // transaction (on PostgreSQL aborted by any failed statement) stays usable.
        jdbc.sql("INSERT INTO webhook_secrets (app_id, secret, rotated_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                .params(appId, StandardWebhooks.newSecret(), db(clock.instant())).update();
        return find(appId).orElseThrow();
    }

    private Optional<Row> find(String appId) {
        return jdbc.sql("""
                SELECT secret, previous_secret, previous_valid_until, rotated_at FROM webhook_secrets WHERE app_id = ?""")
                .param(appId).query(WebhookSecrets::row).optional();
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getString("secret"), rs.getString("previous_secret"), read(rs, "previous_valid_until"),
                read(rs, "rotated_at"));
    }
}
