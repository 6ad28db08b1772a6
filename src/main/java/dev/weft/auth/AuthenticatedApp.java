package dev.weft.auth;

import java.util.Set;

/**
 * The app whose API key authenticated the current request. Controllers declare it as a method
 * parameter; every read and write they make is scoped to {@link #appId()}.
 *
 * @param keyId  the key that authenticated (rate limits are per key)
 * @param scopes what the key may do ({@link ApiScopes}); {@code *} for a full key
 */
public record AuthenticatedApp(String appId, String keyId, Set<String> scopes) {

    public AuthenticatedApp {
        scopes = Set.copyOf(scopes);
    }

    /** A full key's app, for callers that do not care which key it was. */
    public AuthenticatedApp(String appId) {
        this(appId, null, Set.of(ApiScopes.ALL));
    }
}
