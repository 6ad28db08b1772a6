package dev.weft.auth;

import java.time.Instant;
import java.util.List;

/**
 * A key just created. The only object that carries the plaintext {@code key}; it is shown once.
 *
 * @param scopes    what the key may do; {@code ["*"]} for a full key
 * @param expiresAt when the key stops working, or null
 */
public record NewApiKey(String id, String appId, String key, String prefix, String name, List<String> scopes,
                        Instant createdAt, Instant expiresAt) {}
