package dev.weft.auth;

import dev.weft.common.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/**
 * One shared application context for the HTTP tests of this package: real server on a random
 * port, its own in-memory H2 database, an admin token and a configured bootstrap app and key.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:authtest;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "weft.admin-token=" + AuthHttpTest.ADMIN_TOKEN,
        "weft.bootstrap.app-id=" + AuthHttpTest.BOOTSTRAP_APP,
        "weft.bootstrap.api-key=" + AuthHttpTest.BOOTSTRAP_KEY})
@Import(WhoAmIController.class)
abstract class AuthHttpTest {

    static final String ADMIN_TOKEN = "test-admin";
    static final String BOOTSTRAP_APP = "scripted";
    static final String BOOTSTRAP_KEY = "wk_scripted-bootstrap-key-for-tests";

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    record Response(int status, HttpResponse<String> raw) {
        JsonNode json() {
            return Json.parse(raw.body());
        }

        String body() {
            return raw.body();
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    Response send(String method, String path, Map<String, String> headers, Object body) {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(Json.write(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Response admin(String method, String path, Object body) {
        return send(method, path, Map.of("Authorization", "Bearer " + ADMIN_TOKEN), body);
    }

    Response whoami(String apiKey) {
        return send("GET", "/v1/whoami", apiKey == null ? Map.of() : Map.of("X-API-Key", apiKey), null);
    }

    /** Creates an app through the admin API and returns its first key. */
    String createAppAndKey(String appId) {
        Response created = admin("POST", "/admin/apps", Map.of("id", appId, "name", "App " + appId));
        if (created.status() != 201) {
            throw new AssertionError("creating app " + appId + ": " + created.status() + " " + created.body());
        }
        return created.json().get("apiKey").get("key").asString();
    }
}
