package dev.weft.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class ApiKeyAuthenticationTest extends AuthHttpTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aKeyCreatedThroughTheAdminApiAuthenticatesAsItsApp() {
        String key = createAppAndKey("auth-works");

        Response response = whoami(key);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("appId").asString()).isEqualTo("auth-works");
    }

    @Test
    void aMissingKeyGets401ProblemJson() {
        Response response = whoami(null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.header("WWW-Authenticate")).isEqualTo("ApiKey");
        assertThat(response.json().get("type").asString()).isEqualTo("https://weft.dev/problems/unauthorized");
        assertThat(response.json().get("title").asString()).isEqualTo("Unauthorized");
        assertThat(response.json().get("status").asInt()).isEqualTo(401);
        assertThat(response.json().get("detail").asString()).isEqualTo("Missing X-API-Key header");
    }

    @Test
    void anUnknownKeyGets401() {
        Response response = whoami(ApiKeys.generate());

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).isEqualTo("ApiKey");
        assertThat(response.json().get("detail").asString()).isEqualTo("Invalid API key");
    }

    @Test
    void aRevokedKeyGets401AtOnceWhileTheAppsOtherKeysKeepWorking() {
        String revoked = createAppAndKey("auth-revoke");
        String kept = admin("POST", "/admin/apps/auth-revoke/keys", Map.of()).json().get("key").asString();
        assertThat(whoami(revoked).status()).isEqualTo(200); // now cached
        String keyId = admin("GET", "/admin/apps/auth-revoke/keys", null).json().get("keys").get(0).get("id").asString();

        Response deleted = admin("DELETE", "/admin/apps/auth-revoke/keys/" + keyId, null);

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(whoami(revoked).status()).isEqualTo(401);
        assertThat(whoami(kept).status()).isEqualTo(200);
        assertThat(admin("GET", "/admin/apps/auth-revoke/keys", null).json().get("keys").get(0).get("revokedAt").asString())
                .isNotBlank();
        assertThat(admin("DELETE", "/admin/apps/auth-revoke/keys/" + keyId, null).status()).isEqualTo(204);
    }

    @Test
    void storesOnlyTheSha256OfTheKey() {
        String key = createAppAndKey("auth-hashed");

        List<Map<String, Object>> rows = jdbc.sql("SELECT * FROM api_keys WHERE app_id = 'auth-hashed'").query().listOfRows();

        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst().get("key_hash")).isEqualTo(ApiKeys.hash(key));
        assertThat(rows.getFirst().get("key_prefix")).isEqualTo(key.substring(0, 10));
        assertThat(rows.getFirst().values()).noneMatch(value -> value != null && value.toString().contains(key));
    }

    @Test
    void theResolverFailsClosedOutsideTheFilteredPaths() {
        Response response = send("GET", "/auth-test/unguarded-whoami", Map.of(), null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }
}
