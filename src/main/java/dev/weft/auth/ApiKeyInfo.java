package dev.weft.auth;

import java.time.Instant;
import java.util.List;

/**
 * What may be shown about a stored key: never the key itself nor its hash.
 *
 * @param scopes     what the key may do; {@code ["*"]} for a full key
 * @param expiresAt  when the key stops working, or null
 * @param lastUsedAt when the key last authenticated a request (to the minute), or null
 */
public record ApiKeyInfo(String id, String appId, String prefix, String name, List<String> scopes, Instant createdAt,
                         Instant expiresAt, Instant lastUsedAt, Instant revokedAt) {}
