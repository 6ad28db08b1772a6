package dev.weft.webhook;

import static dev.weft.webhook.Timestamps.db;
import static dev.weft.webhook.Timestamps.read;

import dev.weft.common.Ids;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** An app's webhook subscriptions in {@code webhook_subscriptions}; callers validate the URL and events. */
@Service
public class Subscriptions {

    /** The app already has the most subscriptions allowed. */
    public static class LimitReachedException extends dev.weft.common.ConflictException {
        public LimitReachedException(int limit) {
            super("too-many-subscriptions", "an app can have at most " + limit + " webhook subscriptions; delete one first");
        }
    }

    private static final String COLUMNS = "SELECT id, app_id, url, events, description, created_at FROM webhook_subscriptions";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final WebhookProperties properties;

    /**
     * Per app, its subscriptions: asked on every step change and every run's end, so cached; a
     * change made in this process shows at once, one made in another within the expiry.
     */
    private final com.github.benmanes.caffeine.cache.Cache<String, List<Subscription>> byApp =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
                    .expireAfterWrite(java.time.Duration.ofSeconds(5)).maximumSize(10_000).build();

    public Subscriptions(JdbcClient jdbc, Clock clock, WebhookProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    /** The app's subscriptions that want at least one step-level event (cached for a few seconds). */
    public List<Subscription> stepSubscribers(String appId) {
        return cached(appId).stream().filter(s -> s.events().stream().anyMatch(EventType::isStepLevel)).toList();
    }

    /** The app's subscriptions, for deliveries (cached for a few seconds, see {@link #byApp}). */
    public List<Subscription> cached(String appId) {
        return byApp.get(appId, this::list);
    }

    @Transactional
    public Subscription create(String appId, String url, List<EventType> events, String description) {
        // Locking the app row makes count-then-insert atomic per app on H2 and PostgreSQL alike.
        jdbc.sql("SELECT id FROM apps WHERE id = ? FOR UPDATE").param(appId).query(String.class).single();
        long count = jdbc.sql("SELECT COUNT(*) FROM webhook_subscriptions WHERE app_id = ?")
                .param(appId).query(Long.class).single();
        if (count >= properties.maxSubscriptions()) {
            throw new LimitReachedException(properties.maxSubscriptions());
        }
        Instant now = Timestamps.micros(clock.instant());
        Subscription s = new Subscription("sub_" + Ids.uuid7(clock), appId, url, events, description, now);
        jdbc.sql("""
                INSERT INTO webhook_subscriptions (id, app_id, url, events, description, created_at)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(s.id(), appId, url, encode(events), description, db(now)).update();
        byApp.invalidate(appId);
        return s;
    }

    public List<Subscription> list(String appId) {
        return jdbc.sql(COLUMNS + " WHERE app_id = ? ORDER BY id").param(appId).query(Subscriptions::row).list();
    }

    /**
     * Deletes a subscription and gives up its pending deliveries (the receiver asked to stop).
     *
     * @return false if the app has no such subscription
     */
    @Transactional
    public boolean delete(String appId, String id) {
        int deleted = jdbc.sql("DELETE FROM webhook_subscriptions WHERE id = ? AND app_id = ?").params(id, appId).update();
        byApp.invalidate(appId);
        if (deleted == 0) {
            return false;
        }
        jdbc.sql("""
                UPDATE webhook_deliveries SET status = 'failed', last_error = 'subscription deleted', next_attempt_at = NULL
                WHERE app_id = ? AND subscription_id = ? AND status = 'pending'""").params(appId, id).update();
        return true;
    }

    private static String encode(List<EventType> events) {
        return events.stream().map(EventType::wire).collect(Collectors.joining(","));
    }

    private static Subscription row(ResultSet rs, int n) throws SQLException {
        List<EventType> events = Arrays.stream(rs.getString("events").split(","))
                .flatMap(e -> EventType.fromWire(e).stream()).toList();
        return new Subscription(rs.getString("id"), rs.getString("app_id"), rs.getString("url"), events,
                rs.getString("description"), read(rs, "created_at"));
    }
}
