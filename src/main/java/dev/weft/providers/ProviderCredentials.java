package dev.weft.providers;

/**
 * The key and base URL one call to a remote provider uses. {@link #toString()} masks the key, so a
 * stray log line or exception message cannot leak it.
 *
 * @param apiKey  may be null for providers that need none (a local Ollama)
 * @param baseUrl null for the provider's default
 * @param operatorConfigured whether the base URL comes from the server's configuration or is the
 *                           provider's default (its host is then reachable even if internal), rather
 *                           than from an app (then it is held to the outbound policy like any user URL)
 */
public record ProviderCredentials(String apiKey, String baseUrl, boolean operatorConfigured) {

    /** Credentials an app supplied: the base URL is held to the outbound policy. */
    public static ProviderCredentials fromApp(String apiKey, String baseUrl) {
        return new ProviderCredentials(apiKey, baseUrl, false);
    }

    /** Credentials from the server's configuration. */
    public static ProviderCredentials fromServer(String apiKey, String baseUrl) {
        return new ProviderCredentials(apiKey, baseUrl, true);
    }

    /** The same credentials with the provider's default base URL when none is set (a default is the operator's). */
    public ProviderCredentials withDefaultBaseUrl(String defaultBaseUrl) {
        return baseUrl == null || baseUrl.isBlank() ? new ProviderCredentials(apiKey, defaultBaseUrl, true) : this;
    }

    /** The base URL whose host the operator vouches for, or null. */
    public String trustedBaseUrl() {
        return operatorConfigured ? baseUrl : null;
    }

    @Override
    public String toString() {
        return "ProviderCredentials[apiKey=" + mask(apiKey) + ", baseUrl=" + baseUrl
                + (operatorConfigured ? ", operator-configured" : "") + "]";
    }

    /** {@code sk-…abcd}: the first three and last four characters, only for keys long enough to hide the rest. */
    public static String mask(String key) {
        if (key == null || key.isEmpty()) {
            return null;
        }
        if (key.length() < 12) {
            return "…";
        }
        return key.substring(0, 3) + "…" + key.substring(key.length() - 4);
    }
}
