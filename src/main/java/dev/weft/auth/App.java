package dev.weft.auth;

import java.time.Instant;

/** An app: the owner of API keys, workflow definitions and runs. */
public record App(String id, String name, Instant createdAt) {}
