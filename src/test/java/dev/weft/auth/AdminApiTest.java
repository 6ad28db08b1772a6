package dev.weft.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AdminApiTest extends AuthHttpTest {

    @Test
    void rejectsAdminRequestsWithoutATokenWith401() {
        Response response = send("GET", "/admin/apps", Map.of(), null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(response.json().get("type").asString()).isEqualTo("https://weft.dev/problems/unauthorized");
    }

    @Test
    void rejectsAdminRequestsWithAWrongTokenWith403() {
        Response response = send("POST", "/admin/apps", Map.of("Authorization", "Bearer not-the-token"),
                Map.of("name", "x"));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().get("detail").asString()).isEqualTo("Invalid admin token");
    }

    @Test
    void createsAnAppWithAFirstKeyShownOnce() {
        Response response = admin("POST", "/admin/apps", Map.of("id", "admin-create", "name", "Image pipeline"));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.header("Location")).as("absolute").startsWith("http://").endsWith("/admin/apps/admin-create");
        JsonNode body = response.json();
        assertThat(body.get("id").asString()).isEqualTo("admin-create");
        assertThat(body.get("name").asString()).isEqualTo("Image pipeline");
        assertThat(body.get("createdAt").asString()).isNotBlank();
        String key = body.get("apiKey").get("key").asString();
        assertThat(key).startsWith("wk_").hasSize(3 + 43);
        assertThat(body.get("apiKey").get("prefix").asString()).isEqualTo(key.substring(0, 10));
        assertThat(body.get("apiKey").get("id").asString()).isNotBlank();
    }

    @Test
    void generatesAnAppIdWhenNoneIsGiven() {
        Response response = admin("POST", "/admin/apps", Map.of("name", "No id"));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("id").asString()).matches(AppDirectory.APP_ID.pattern());
    }

    @Test
    void answers409ForAnExistingAppId() {
        createAppAndKey("admin-dup");

        Response response = admin("POST", "/admin/apps", Map.of("id", "admin-dup", "name", "again"));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("detail").asString()).contains("admin-dup");
    }

    @Test
    void answers422NamingTheFieldForAnInvalidAppIdOrMissingName() {
        Response badId = admin("POST", "/admin/apps", Map.of("id", "Bad_Id", "name", "x"));
        Response noName = admin("POST", "/admin/apps", Map.of("id", "no-name"));

        assertThat(badId.status()).isEqualTo(422);
        assertThat(badId.json().get("detail").asString()).contains("Bad_Id", "lower-case");
        assertThat(badId.json().at("/errors/0/field").asString()).isEqualTo("id");
        assertThat(noName.status()).isEqualTo(422);
        assertThat(noName.json().at("/errors/0/field").asString()).isEqualTo("name");
    }

    @Test
    void listsApps() {
        createAppAndKey("admin-listed");

        JsonNode apps = admin("GET", "/admin/apps", null).json().get("apps");

        assertThat(apps.valueStream().map(app -> app.get("id").asString()))
                .contains("admin-listed", BOOTSTRAP_APP);
    }

    @Test
    void createsMoreKeysAndListsThemWithoutTheKeyOrItsHash() {
        String firstKey = createAppAndKey("admin-keys");

        Response created = admin("POST", "/admin/apps/admin-keys/keys", Map.of("name", "ci"));
        Response listed = admin("GET", "/admin/apps/admin-keys/keys", null);

        assertThat(created.status()).isEqualTo(201);
        String secondKey = created.json().get("key").asString();
        assertThat(created.json().get("name").asString()).isEqualTo("ci");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().get("keys")).hasSize(2);
        assertThat(listed.json().get("keys").get(1).get("prefix").asString()).isEqualTo(secondKey.substring(0, 10));
        assertThat(listed.body()).doesNotContain(firstKey, secondKey, ApiKeys.hash(firstKey), ApiKeys.hash(secondKey))
                .doesNotContain("\"key\"", "hash");
    }

    @Test
    void answers404ForKeysOfAnUnknownApp() {
        assertThat(admin("POST", "/admin/apps/nobody-here/keys", Map.of()).status()).isEqualTo(404);
        assertThat(admin("GET", "/admin/apps/nobody-here/keys", null).status()).isEqualTo(404);
        assertThat(admin("DELETE", "/admin/apps/nobody-here/keys/key-1", null).status()).isEqualTo(404);
    }

    @Test
    void doesNotRevokeAKeyThroughAnotherApp() {
        createAppAndKey("admin-owner");
        createAppAndKey("admin-other");
        String keyId = admin("GET", "/admin/apps/admin-owner/keys", null).json().get("keys").get(0).get("id").asString();

        Response response = admin("DELETE", "/admin/apps/admin-other/keys/" + keyId, null);

        assertThat(response.status()).isEqualTo(404);
        assertThat(admin("GET", "/admin/apps/admin-owner/keys", null).json().get("keys").get(0).has("revokedAt")).isFalse();
    }
}
