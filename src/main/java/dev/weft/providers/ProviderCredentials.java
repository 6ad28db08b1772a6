package dev.weft.providers;

/**
 * The key and base URL one call to a remote provider uses. {@link #toString()} masks the key, so a
 * stray log line or exception message cannot leak it.
 *
 * @param apiKey  may be null for providers that need none (a local Ollama)
 * @param baseUrl null for the provider's default
 */
public record ProviderCredentials(String apiKey, String baseUrl) {

    @Override
    public String toString() {
        return "ProviderCredentials[apiKey=" + mask(apiKey) + ", baseUrl=" + baseUrl + "]";
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
