package dev.weft.auth;

import java.time.Instant;

/** A key just created. The only object that carries the plaintext {@code key}; it is shown once. */
public record NewApiKey(String id, String appId, String key, String prefix, String name, Instant createdAt) {}
