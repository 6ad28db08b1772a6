package dev.weft.auth;

/**
 * The app whose API key authenticated the current request. Controllers declare it as a method
 * parameter; every read and write they make is scoped to {@link #appId()}.
 */
public record AuthenticatedApp(String appId) {}
