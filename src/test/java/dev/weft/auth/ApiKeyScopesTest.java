package dev.weft.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Keys that may only read (or only touch some resources), keys that expire, rotation without downtime, last use. */
class ApiKeyScopesTest extends AuthHttpTest {

    private Response as(String key, String method, String path, Object body) {
        return send(method, path, Map.of("X-API-Key", key), body);
    }

    private JsonNode newKey(String appId, Map<String, Object> request) {
        Response created = admin("POST", "/admin/apps/" + appId + "/keys", request);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    private static final Map<String, Object> PLAN = Map.of("plan", Map.of("steps", List.of(Map.of("id", "a", "type", "transform"))));

    @Test
    void aReadOnlyKeyReadsButCannotWriteAndTheProblemNamesTheMissingScope() {
        createAppAndKey("scoped-runs");
        JsonNode created = newKey("scoped-runs", Map.of("name", "dashboard", "scopes", List.of("runs:read")));
        String key = created.get("key").asString();

        Response list = as(key, "GET", "/v1/workflows/runs", null);
        Response start = as(key, "POST", "/v1/workflows/run", PLAN);
        Response secret = as(key, "GET", "/v1/webhooks/secret", null);

        assertThat(created.get("scopes").toString()).isEqualTo("[\"runs:read\"]");
        assertThat(list.status()).isEqualTo(200);
        assertThat(start.status()).isEqualTo(403);
        assertThat(start.header("Content-Type")).startsWith("application/problem+json");
        assertThat(start.json().get("detail").asString()).contains("runs:write");
        assertThat(secret.status()).isEqualTo(403);
        assertThat(secret.json().get("detail").asString()).contains("webhooks:read");
    }

    @Test
    void aReadAllKeyReadsEveryResourceAndAWriteScopeIncludesItsRead() {
        createAppAndKey("scoped-all");
        String reader = newKey("scoped-all", Map.of("scopes", List.of("*:read"))).get("key").asString();
        String runner = newKey("scoped-all", Map.of("scopes", List.of("runs:write"))).get("key").asString();

        assertThat(as(reader, "GET", "/v1/webhooks/secret", null).status()).isEqualTo(200);
        assertThat(as(reader, "GET", "/v1/collections", null).status()).isEqualTo(200);
        assertThat(as(reader, "POST", "/v1/workflows/run", PLAN).status()).isEqualTo(403);
        assertThat(as(runner, "POST", "/v1/workflows/run", PLAN).status()).isEqualTo(202);
        assertThat(as(runner, "GET", "/v1/workflows/runs", null).status()).isEqualTo(200);
        assertThat(as(runner, "GET", "/v1/workflows", null).status()).as("workflows are another resource").isEqualTo(403);
        assertThat(as(runner, "GET", "/v1/step-types", null).status()).as("the catalogue is open to any key").isEqualTo(200);
    }

    @Test
    void unknownScopesAndPastExpiriesAreRefusedNamingTheField() {
        createAppAndKey("scoped-bad");

        Response unknown = admin("POST", "/admin/apps/scoped-bad/keys", Map.of("scopes", List.of("runs:read", "runs:delete")));
        Response past = admin("POST", "/admin/apps/scoped-bad/keys", Map.of("expiresAt", "2020-01-01T00:00:00Z"));

        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().at("/errors/0/field").asString()).isEqualTo("scopes[1]");
        assertThat(past.status()).isEqualTo(422);
        assertThat(past.json().at("/errors/0/field").asString()).isEqualTo("expiresAt");
    }

    @Test
    void rotationKeepsTheOldKeyWorkingForTheOverlapAndThenOnlyTheNewOne() {
        String old = createAppAndKey("rotating");
        String oldId = admin("GET", "/admin/apps/rotating/keys", null).json().at("/keys/0/id").asString();
        Instant before = Instant.now();

        Response rotated = admin("POST", "/admin/apps/rotating/keys/" + oldId + "/rotate", Map.of("overlap", "PT1H"));
        String fresh = rotated.json().at("/apiKey/key").asString();

        assertThat(rotated.status()).isEqualTo(201);
        assertThat(whoami(old).status()).as("the old key during the overlap").isEqualTo(200);
        assertThat(whoami(fresh).status()).isEqualTo(200);
        assertThat(Instant.parse(rotated.json().get("previousKeyExpiresAt").asString()))
                .isBetween(before.plus(Duration.ofMinutes(59)), Instant.now().plus(Duration.ofMinutes(61)));

        String freshId = rotated.json().at("/apiKey/id").asString();
        Response again = admin("POST", "/admin/apps/rotating/keys/" + freshId + "/rotate", Map.of("overlap", "PT0S"));
        assertThat(whoami(fresh).status()).as("a key whose overlap is over").isEqualTo(401);
        assertThat(whoami(again.json().at("/apiKey/key").asString()).status()).isEqualTo(200);
        assertThat(admin("POST", "/admin/apps/rotating/keys/" + freshId + "/rotate", Map.of()).status())
                .as("an expired key cannot be rotated").isEqualTo(404);
    }

    @Test
    void aKeyWithAnExpiryWorksUntilThenAndListingsShowExpiryAndLastUse() {
        createAppAndKey("expiring");
        Instant expiry = Instant.now().plus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        JsonNode created = newKey("expiring", Map.of("name", "ci", "expiresAt", expiry.toString()));
        Instant before = Instant.now().minusSeconds(1);

        assertThat(whoami(created.get("key").asString()).status()).isEqualTo(200);

        JsonNode listed = admin("GET", "/admin/apps/expiring/keys", null).json().get("keys").get(1);
        assertThat(Instant.parse(listed.get("expiresAt").asString())).isEqualTo(expiry);
        assertThat(Instant.parse(listed.get("lastUsedAt").asString())).isAfter(before);
        assertThat(listed.get("scopes").toString()).isEqualTo("[\"*\"]");
        assertThat(admin("GET", "/admin/apps/expiring/keys", null).json().at("/keys/0/lastUsedAt").isMissingNode())
                .as("the first key was never used").isTrue();
    }
}
