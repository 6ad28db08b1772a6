package dev.weft.providers.keys;

import dev.weft.secrets.KeyCipher;
import dev.weft.outbound.OutboundException;
import dev.weft.outbound.OutboundPolicy;
import dev.weft.providers.ProviderCredentials;
import dev.weft.providers.ProviderException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Per-app provider keys in {@code provider_keys}, sealed with {@link KeyCipher}. The clear key leaves
 * this class only inside {@link ProviderCredentials} handed to a provider client; listings carry a hint.
 * A per-app base URL is user input, so it passes the outbound policy when stored and again when used.
 */
public class ProviderKeys {

    /** What the API shows of a stored key. */
    public record StoredKey(String provider, String keyHint, String baseUrl, OffsetDateTime updatedAt) {}

    private final JdbcClient jdbc;
    private final KeyCipher cipher;
    private final OutboundPolicy outbound;
    private final Clock clock;

    /** @param cipher null when no encryption key is configured: keys can then be neither stored nor read */
    public ProviderKeys(JdbcClient jdbc, KeyCipher cipher, OutboundPolicy outbound, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.outbound = outbound;
        this.clock = clock;
    }

    public boolean encryptionConfigured() {
        return cipher != null;
    }

    /** @throws IllegalStateException when no encryption key is configured; OutboundException for a refused URL */
    public StoredKey put(String appId, String provider, String apiKey, String baseUrl) throws OutboundException {
        if (cipher == null) {
            throw new IllegalStateException("no encryption key configured");
        }
        if (baseUrl != null) {
            checkBaseUrl(baseUrl);
        }
        String sealed = cipher.encrypt(apiKey, aad(appId, provider));
        String hint = ProviderCredentials.mask(apiKey);
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        int updated = update(appId, provider, sealed, hint, baseUrl, now);
        if (updated == 0) {
            try {
                jdbc.sql("""
                        INSERT INTO provider_keys (app_id, provider, encrypted_key, key_hint, base_url, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?)""").params(appId, provider, sealed, hint, baseUrl, now).update();
            } catch (DuplicateKeyException concurrentPut) {
                update(appId, provider, sealed, hint, baseUrl, now);
            }
        }
        return new StoredKey(provider, hint, baseUrl, now);
    }

    private int update(String appId, String provider, String sealed, String hint, String baseUrl, OffsetDateTime now) {
        return jdbc.sql("""
                UPDATE provider_keys SET encrypted_key = ?, key_hint = ?, base_url = ?, updated_at = ?
                WHERE app_id = ? AND provider = ?""").params(sealed, hint, baseUrl, now, appId, provider).update();
    }

    public List<StoredKey> list(String appId) {
        return jdbc.sql("SELECT provider, key_hint, base_url, updated_at FROM provider_keys WHERE app_id = ? ORDER BY provider")
                .param(appId)
                .query((rs, i) -> new StoredKey(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class)))
                .list();
    }

    public boolean delete(String appId, String provider) {
        return jdbc.sql("DELETE FROM provider_keys WHERE app_id = ? AND provider = ?").params(appId, provider).update() > 0;
    }

    /** The app's own key for the provider, decrypted, with its base URL checked against the outbound policy. */
    public Optional<ProviderCredentials> find(String appId, String provider) {
        Optional<String[]> row = jdbc.sql("SELECT encrypted_key, base_url FROM provider_keys WHERE app_id = ? AND provider = ?")
                .params(appId, provider).query((rs, i) -> new String[] {rs.getString(1), rs.getString(2)}).optional();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        if (cipher == null) {
            throw new ProviderException(false, "ENCRYPTION_KEY_MISSING", "the app has a stored " + provider
                    + " key but the server has no encryption key configured to read it");
        }
        String baseUrl = row.get()[1];
        if (baseUrl != null) {
            try {
                checkBaseUrl(baseUrl);
            } catch (OutboundException e) {
                throw new ProviderException(false, "OUTBOUND_BLOCKED", "the app's " + provider + " base URL is refused: "
                        + e.getMessage());
            }
        }
        String apiKey;
        try {
            apiKey = cipher.decrypt(row.get()[0], aad(appId, provider));
        } catch (IllegalStateException e) {
            throw new ProviderException(false, "ENCRYPTION_KEY_MISMATCH", e.getMessage());
        }
        return Optional.of(ProviderCredentials.fromApp(apiKey, baseUrl));
    }

    private void checkBaseUrl(String baseUrl) throws OutboundException {
        URI uri;
        try {
            uri = URI.create(baseUrl);
        } catch (IllegalArgumentException e) {
            throw new OutboundException(OutboundException.Reason.BLOCKED, "not a URL: " + e.getMessage());
        }
        outbound.checkUrl(uri);
        if (!outbound.isAllowListed(uri.getHost())) {
            try {
                outbound.checkResolved(uri.getHost(), InetAddress.getAllByName(uri.getHost()));
            } catch (UnknownHostException e) {
                throw new OutboundException(OutboundException.Reason.BLOCKED, "host '" + uri.getHost() + "' does not resolve");
            }
        }
    }

    private static String aad(String appId, String provider) {
        return appId + "/" + provider;
    }
}
