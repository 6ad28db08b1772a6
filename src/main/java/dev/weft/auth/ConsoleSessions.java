package dev.weft.auth;

import dev.weft.common.Ids;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Console sign-ins, stored so that any api process can serve a signed-in browser. A session is
 * named by a random token that only the browser's cookie holds (the table keeps its SHA-256),
 * carries its own CSRF token, lasts {@code weft.console.session-ttl} at most, and ends with its
 * key: a revoked or expired key signs its sessions out.
 */
@Component
public class ConsoleSessions {

    /** A live session: the app and key it acts as, and the token its forms must carry. */
    public record Session(AuthenticatedApp app, String csrfToken, Instant expiresAt) {

        /** Whether the session's key may do what the API request {@code method path} needs. */
        public boolean allows(String method, String apiPath) {
            return ApiScopes.required(method, apiPath).map(s -> ApiScopes.allows(app.scopes(), s)).orElse(true);
        }
    }

    /** A new session and the token to put in the cookie (shown once, never stored). */
    public record SignedIn(String token, Session session) {}

    private final JdbcClient jdbc;
    private final AppDirectory directory;
    private final Clock clock;
    private final Duration ttl;

    public ConsoleSessions(JdbcClient jdbc, AppDirectory directory, Clock clock,
                           @Value("${weft.console.session-ttl:PT12H}") Duration ttl) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.clock = clock;
        this.ttl = ttl;
    }

    public Duration ttl() {
        return ttl;
    }

    /** Signs in with an API key; empty when the key is unknown, revoked or expired. */
    public Optional<SignedIn> signIn(String apiKey) {
        if (apiKey == null || apiKey.isBlank()) {
            return Optional.empty();
        }
        Optional<AuthenticatedApp> app = directory.authenticate(apiKey.strip());
        if (app.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        jdbc.sql("DELETE FROM console_sessions WHERE expires_at < ?").param(at(now)).update();
        String token = Ids.token(32);
        String csrf = Ids.token(24);
        Instant expires = now.plus(ttl);
        jdbc.sql("INSERT INTO console_sessions (token_hash, key_id, csrf_token, created_at, expires_at) "
                        + "VALUES (?, ?, ?, ?, ?)")
                .params(ApiKeys.hash(token), app.get().keyId(), csrf, at(now), at(expires))
                .update();
        return Optional.of(new SignedIn(token, new Session(app.get(), csrf, expires)));
    }

    /** The live session a cookie names: empty when unknown, expired, signed out or its key is no longer valid. */
    public Optional<Session> find(String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return jdbc.sql("SELECT s.csrf_token, s.expires_at, k.id, k.app_id, k.scopes, k.expires_at AS key_expires_at "
                        + "FROM console_sessions s JOIN api_keys k ON k.id = s.key_id "
                        + "WHERE s.token_hash = ? AND k.revoked_at IS NULL")
                .param(ApiKeys.hash(token))
                .query(ConsoleSessions::row)
                .optional()
                .filter(s -> now.isBefore(s.session().expiresAt()))
                .filter(s -> s.keyExpiresAt() == null || now.isBefore(s.keyExpiresAt()))
                .map(Row::session);
    }

    /** Ends the session; signing out twice is no error. */
    public void signOut(String token) {
        if (token != null && !token.isBlank()) {
            jdbc.sql("DELETE FROM console_sessions WHERE token_hash = ?").param(ApiKeys.hash(token)).update();
        }
    }

    private record Row(Session session, Instant keyExpiresAt) {}

    private static Row row(ResultSet rs, int i) throws SQLException {
        var app = new AuthenticatedApp(rs.getString("app_id"), rs.getString("id"), ApiScopes.parse(rs.getString("scopes")));
        return new Row(new Session(app, rs.getString("csrf_token"), instant(rs, "expires_at")),
                instant(rs, "key_expires_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
