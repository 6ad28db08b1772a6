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
        return new CreatedApp(app, createKey(app.id(), "default", null, null));
    }

    /**
     * Creates a new random key for an app. The returned plaintext is not stored anywhere.
     *
     * @param scopes    what the key may do ({@link ApiScopes}); null for a full key
     * @param expiresAt when the key stops working; null for never
     * @throws UnknownAppException   if the app does not exist
     * @throws InvalidFieldException for an unknown scope, a name too long or an expiry in the past
     */
    public NewApiKey createKey(String appId, String name, List<String> scopes, Instant expiresAt) {
        return addKey(appId, ApiKeys.generate(), name, ApiScopes.normalize(scopes), expiresAt);
    }

    /** Stores the hash of a given key (the bootstrap key from configuration), a full key without expiry. */
    NewApiKey addKey(String appId, String key, String name) {
        return addKey(appId, key, name, null, null);
    }

    private NewApiKey addKey(String appId, String key, String name, String scopes, Instant expiresAt) {
        FieldLimits.requireLength("name", name, FieldLimits.NAME);
        Instant now = now();
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw new InvalidFieldException("expiresAt", "must be in the future");
        }
        if (!exists(appId)) {
            throw new UnknownAppException(appId);
        }
        Instant expiry = expiresAt == null ? null : expiresAt.truncatedTo(ChronoUnit.MICROS);
        NewApiKey created = new NewApiKey(newKeyId(), appId, key, ApiKeys.displayPrefix(key), name,
                List.copyOf(ApiScopes.parse(scopes)), now, expiry);
        jdbc.sql("""
                INSERT INTO api_keys (id, app_id, key_hash, key_prefix, name, scopes, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(created.id(), appId, ApiKeys.hash(key), created.prefix(), name, scopes, timestamp(now),
                        expiry == null ? null : timestamp(expiry))
                .update();
        return created;
    }

    /**
     * Replaces a key without downtime: a new key with the same name and scopes is created, and the
     * old one keeps working for {@code overlap} and then expires (sooner if it was due to expire
     * sooner), so clients can switch in the meantime.
     *
     * @return the new key, or empty when the app has no such key or it is revoked or expired
     */
    @Transactional
    public Optional<Rotated> rotateKey(String appId, String keyId, Duration overlap) {
        Instant now = now();
        Optional<StoredKey> old = jdbc.sql("SELECT key_hash, name, scopes, expires_at FROM api_keys "
                        + "WHERE id = ? AND app_id = ? AND revoked_at IS NULL")
                .params(keyId, appId)
                .query((rs, i) -> new StoredKey(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs, "expires_at")))
                .optional()
                .filter(k -> k.expiresAt() == null || k.expiresAt().isAfter(now));
        if (old.isEmpty()) {
            return Optional.empty();
        }
        Instant oldUntil = now.plus(overlap);
        if (old.get().expiresAt() != null && old.get().expiresAt().isBefore(oldUntil)) {
            oldUntil = old.get().expiresAt();
        }
        jdbc.sql("UPDATE api_keys SET expires_at = ? WHERE id = ?").params(timestamp(oldUntil), keyId).update();
        cache.evict(old.get().hash());
        NewApiKey fresh = addKey(appId, ApiKeys.generate(), old.get().name(), old.get().scopes(), null);
        return Optional.of(new Rotated(fresh, keyId, oldUntil));
    }

    /** A rotation's outcome: the new key, and until when the old one keeps working. */
    public record Rotated(NewApiKey key, String previousKeyId, Instant previousKeyExpiresAt) {}

    private record StoredKey(String hash, String name, String scopes, Instant expiresAt) {}

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

    /**
     * The app, key and scopes a presented key stands for, if the key exists, is not revoked and has
     * not expired. The key's last use is written at most once a minute per key and process.
     */
    public Optional<AuthenticatedApp> authenticate(String key) {
        String hash = ApiKeys.hash(key);
        Instant now = clock.instant();
        ApiKeyCache.CachedKey found = cache.get(hash).orElse(null);
        if (found == null) {
            found = jdbc.sql("SELECT id, app_id, scopes, expires_at, last_used_at FROM api_keys "
                            + "WHERE key_hash = ? AND revoked_at IS NULL")
                    .param(hash)
                    .query((rs, i) -> new ApiKeyCache.CachedKey(
                            new AuthenticatedApp(rs.getString("app_id"), rs.getString("id"), ApiScopes.parse(rs.getString("scopes"))),
                            instant(rs, "expires_at"), instant(rs, "last_used_at")))
                    .optional().orElse(null);
            if (found == null) {
                return Optional.empty();
            }
            cache.put(hash, found);
        }
        if (found.expiresAt() != null && !now.isBefore(found.expiresAt())) {
            return Optional.empty();
        }
        if (found.lastUsedAt() == null || !found.lastUsedAt().isAfter(now.minus(LAST_USED_PRECISION))) {
            Instant used = now.truncatedTo(ChronoUnit.MICROS);
            jdbc.sql("UPDATE api_keys SET last_used_at = ? WHERE id = ?").params(timestamp(used), found.app().keyId()).update();
            cache.update(hash, found.usedAt(used));
        }
        return Optional.of(found.app());
    }

    /** How fresh a key's recorded last use is kept: writing it on every request would cost a statement each. */
    static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

    private static final String KEY_COLUMNS =
            "SELECT id, app_id, key_prefix, name, scopes, created_at, expires_at, last_used_at, revoked_at FROM api_keys";

    private static App app(ResultSet rs, int row) throws SQLException {
        return new App(rs.getString("id"), rs.getString("name"), instant(rs, "created_at"));
    }

    private static ApiKeyInfo keyInfo(ResultSet rs, int row) throws SQLException {
        return new ApiKeyInfo(rs.getString("id"), rs.getString("app_id"), rs.getString("key_prefix"),
                rs.getString("name"), List.copyOf(ApiScopes.parse(rs.getString("scopes"))), instant(rs, "created_at"),
                instant(rs, "expires_at"), instant(rs, "last_used_at"), instant(rs, "revoked_at"));
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
