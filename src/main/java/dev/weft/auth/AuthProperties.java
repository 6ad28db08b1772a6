package dev.weft.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Authentication settings under {@code weft.*}.
 *
 * @param adminToken bearer token for the {@code /admin} API; blank disables the admin API
 * @param bootstrap  first-start app and key creation
 */
@ConfigurationProperties("weft")
public record AuthProperties(String adminToken, @DefaultValue Bootstrap bootstrap) {

    public boolean adminEnabled() {
        return adminToken != null && !adminToken.isBlank();
    }

    /**
     * @param enabled whether this process may create an app and key on start (a distributed
     *                deployment provisioning apps through the admin API turns this off)
     * @param appId   app to ensure exists; with {@code apiKey}, lets scripts know the key up front
     * @param apiKey  plaintext key to ensure exists for {@code appId} (stored hashed)
     */
    public record Bootstrap(@DefaultValue("true") boolean enabled, String appId, String apiKey) {

        public boolean hasAppId() {
            return appId != null && !appId.isBlank();
        }

        public boolean hasApiKey() {
            return apiKey != null && !apiKey.isBlank();
        }
    }
}
