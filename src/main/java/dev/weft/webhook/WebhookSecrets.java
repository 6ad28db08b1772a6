package dev.weft.webhook;

import dev.weft.secrets.KeyCipher;
import dev.weft.secrets.SecretStore;
import static dev.weft.webhook.Timestamps.db;
import static dev.weft.webhook.Timestamps.read;

import dev.weft.signing.StandardWebhooks;
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
 * without rejecting a single delivery. With an encryption key the secrets are stored sealed
 * ({@link SecretStore}); secrets stored in plain text before the key was set are sealed at startup.
 */
@Service
public class WebhookSecrets {

    /** An app's secret as the API shows it; the previous one is never shown again. */
    public record Secret(String secret, Instant rotatedAt, Instant previousValidUntil) {}

    /** The secrets in clear, and the current one as stored (the compare-and-set of a rotation compares that). */
    private record Row(String secret, String previous, Instant previousValidUntil, Instant rotatedAt, String stored) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final WebhookProperties properties;
    private final SecretStore store;

    public WebhookSecrets(JdbcClient jdbc, Clock clock, WebhookProperties properties, SecretStore store) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
        this.store = store;
    }

    /**
     * Seals the secrets written in plain text before an encryption key was configured; a no-op
     * without a key. Safe to run in several processes at once: each row is rewritten only if it
     * still holds the plaintext that was read.
     */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    public void sealPlaintextSecrets() {
        if (!store.encrypting()) {
            return;
        }
        List<String[]> plain = jdbc.sql("SELECT app_id, secret, previous_secret FROM webhook_secrets "
                        + "WHERE secret NOT LIKE 'v1:%' OR (previous_secret IS NOT NULL AND previous_secret NOT LIKE 'v1:%')")
                .query((rs, i) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}).list();
        for (String[] row : plain) {
            String appId = row[0];
            jdbc.sql("UPDATE webhook_secrets SET secret = ?, previous_secret = ? WHERE app_id = ? AND secret = ?")
                    .params(sealed(row[1], appId), sealed(row[2], appId), appId, row[1]).update();
        }
    }

    private String sealed(String value, String appId) {
        return value == null || KeyCipher.isSealed(value) ? value : store.seal(value, context(appId));
    }

    private static String context(String appId) {
        return "webhook-secret/" + appId;
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
                    .params(store.seal(StandardWebhooks.newSecret(), context(appId)), row.stored(), db(graceEnd), db(now),
                            appId, row.stored())
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
                .params(appId, store.seal(StandardWebhooks.newSecret(), context(appId)), db(clock.instant())).update();
        return find(appId).orElseThrow();
    }

    private Optional<Row> find(String appId) {
        return jdbc.sql("""
                SELECT secret, previous_secret, previous_valid_until, rotated_at FROM webhook_secrets WHERE app_id = ?""")
                .param(appId).query((rs, n) -> row(rs, appId)).optional();
    }

    private Row row(ResultSet rs, String appId) throws SQLException {
        String stored = rs.getString("secret");
        return new Row(store.open(stored, context(appId)), store.open(rs.getString("previous_secret"), context(appId)),
                read(rs, "previous_valid_until"), read(rs, "rotated_at"), stored);
    }
}
