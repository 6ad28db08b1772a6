package dev.weft.auth;

import dev.weft.common.FieldLimits;
import dev.weft.common.InvalidFieldException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Apps and their API keys in the {@code apps} and {@code api_keys} tables, and the key lookup
 * behind every {@code /v1} request. SQL is the subset H2 (PostgreSQL mode) and PostgreSQL share.
 */
@Service
public class AppDirectory {

    public static final Pattern APP_ID = Pattern.compile("^[a-z0-9][a-z0-9-]{2,63}$");

    /** An app just created together with its first key. */
    public record CreatedApp(App app, NewApiKey apiKey) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApiKeyCache cache;

    @Autowired
    public AppDirectory(JdbcClient jdbc, ObjectProvider<Clock> clock) {
        this(jdbc, clock.getIfAvailable(Clock::systemUTC));
    }

    AppDirectory(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.cache = new ApiKeyCache(clock, Duration.ofSeconds(30), 10_000);
    }

    public boolean exists(String appId) {
        return findApp(appId).isPresent();
    }

    public Optional<App> findApp(String appId) {
        return jdbc.sql("SELECT id, name, created_at FROM apps WHERE id = ?")
                .param(appId).query(AppDirectory::app).optional();
    }

    public List<App> listApps() {
        return jdbc.sql("SELECT id, name, created_at FROM apps ORDER BY created_at, id").query(AppDirectory::app).list();
    }

    /**
     * Creates an app.
     *
     * @param id   the app id, or null for a generated one
     * @throws InvalidFieldException     if the id or name is invalid
     * @throws AppAlreadyExistsException if the id is taken
     */
    public App createApp(String id, String name) {
        String appId = id == null ? generatedAppId() : id;
        if (!APP_ID.matcher(appId).matches()) {
            throw new InvalidFieldException("id", "'" + appId + "' is not a valid app id: 3 to 64 lower-case letters,"
                    + " digits and '-', starting with a letter or digit");
        }
        App app = new App(appId, requireName(name), now());
        try {
            jdbc.sql("INSERT INTO apps (id, name, created_at) VALUES (?, ?, ?)")
                    .params(app.id(), app.name(), timestamp(app.createdAt())).update();
        } catch (DuplicateKeyException e) {
            throw new AppAlreadyExistsException(appId);
        }
        return app;
    }

    /** Creates an app and its first key in one transaction. */
    @Transactional
    public CreatedApp createAppWithKey(String id, String name) {
        App app = createApp(id, name);
        return new CreatedApp(app, createKey(app.id(), "default"));
    }

    /**
     * Creates a new random key for an app. The returned plaintext is not stored anywhere.
     *
     * @throws UnknownAppException if the app does not exist
     */
    public NewApiKey createKey(String appId, String name) {
        return addKey(appId, ApiKeys.generate(), name);
    }

    /** Stores the hash of a given key (the bootstrap key from configuration, or a generated one). */
    NewApiKey addKey(String appId, String key, String name) {
        FieldLimits.requireLength("name", name, FieldLimits.NAME);
        if (!exists(appId)) {
            throw new UnknownAppException(appId);
        }
        NewApiKey created = new NewApiKey(newKeyId(), appId, key, ApiKeys.displayPrefix(key), name, now());
        jdbc.sql("""
                INSERT INTO api_keys (id, app_id, key_hash, key_prefix, name, created_at)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(created.id(), appId, ApiKeys.hash(key), created.prefix(), name, timestamp(created.createdAt()))
                .update();
        return created;
    }

    public List<ApiKeyInfo> listKeys(String appId) {
        return jdbc.sql(KEY_COLUMNS + " WHERE app_id = ? ORDER BY created_at, id")
                .param(appId).query(AppDirectory::keyInfo).list();
    }

    /** The stored key with this plaintext, revoked or not. */
    Optional<ApiKeyInfo> findKey(String key) {
        return jdbc.sql(KEY_COLUMNS + " WHERE key_hash = ?").param(ApiKeys.hash(key)).query(AppDirectory::keyInfo).optional();
    }

    /**
     * Revokes a key of an app; revoking a revoked key keeps its first revocation time.
     *
     * @return false if the app has no such key
     */
    public boolean revokeKey(String appId, String keyId) {
        Optional<String> hash = jdbc.sql("SELECT key_hash FROM api_keys WHERE id = ? AND app_id = ?")
                .params(keyId, appId).query(String.class).optional();
        if (hash.isEmpty()) {
            return false;
        }
        jdbc.sql("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
                .params(timestamp(now()), keyId).update();
        cache.evict(hash.get());
        return true;
    }

    /** The app a presented key belongs to, if the key exists and is not revoked. */
    public Optional<AuthenticatedApp> authenticate(String key) {
        String hash = ApiKeys.hash(key);
        Optional<String> appId = cache.get(hash);
        if (appId.isEmpty()) {
            appId = jdbc.sql("SELECT app_id FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL")
                    .param(hash).query(String.class).optional();
            appId.ifPresent(id -> cache.put(hash, id));
        }
        return appId.map(AuthenticatedApp::new);
    }

    private static final String KEY_COLUMNS =
            "SELECT id, app_id, key_prefix, name, created_at, revoked_at FROM api_keys";

    private static App app(ResultSet rs, int row) throws SQLException {
        return new App(rs.getString("id"), rs.getString("name"), instant(rs, "created_at"));
    }

    private static ApiKeyInfo keyInfo(ResultSet rs, int row) throws SQLException {
        return new ApiKeyInfo(rs.getString("id"), rs.getString("app_id"), rs.getString("key_prefix"),
                rs.getString("name"), instant(rs, "created_at"), instant(rs, "revoked_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private Instant now() {
        // PostgreSQL keeps microseconds; truncating here makes what we return equal what we read back.
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static String requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidFieldException("name", "is required");
        }
        return FieldLimits.requireLength("name", name, FieldLimits.NAME).strip();
    }

    private static String generatedAppId() {
        return "app-" + HexFormat.of().formatHex(randomBytes(6));
    }

    private static String newKeyId() {
        return "key-" + HexFormat.of().formatHex(randomBytes(8));
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
