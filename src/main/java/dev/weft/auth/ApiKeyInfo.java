package dev.weft.auth;

import java.time.Instant;

/** What may be shown about a stored key: never the key itself nor its hash. */
public record ApiKeyInfo(String id, String appId, String prefix, String name, Instant createdAt, Instant revokedAt) {}
