package dev.weft.vector.web;

import dev.weft.auth.AppDirectory;
import dev.weft.common.Json;
import dev.weft.providers.Embedder;
import dev.weft.steps.emit.SigningSecrets;
import dev.weft.vector.HashingEmbedder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * One application context shared by the artifact and collection HTTP tests: a real server on a
 * random port, in-memory H2, a temporary data directory and the hashing test embedder.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:artifacttest;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "weft.admin-token=test-admin",
        "weft.bootstrap.enabled=false"})
@Import(StorageHttpTest.TestEmbedder.class)
public abstract class StorageHttpTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path DATA_DIR;

    static {
        try {
            DATA_DIR = Files.createTempDirectory("weft-storage-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class TestEmbedder {
        @Bean
        @Primary
        Embedder hashingEmbedder() {
            return new HashingEmbedder();
        }

        /** The webhook signing port may not be wired on this branch; primary, so a real one never clashes. */
        @Bean
        @Primary
        SigningSecrets noSigningSecrets() {
            return appId -> java.util.List.of();
        }
    }

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("weft.data-dir", DATA_DIR::toString);
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected AppDirectory apps;

    /** An app and its key; {@code id} is unique per call. */
    protected record TestApp(String id, String key) {}

    protected TestApp newApp() {
        String id = "app-" + UUID.randomUUID().toString().substring(0, 8);
        return new TestApp(id, apps.createAppWithKey(id, "Test " + id).apiKey().key());
    }

    protected record Response(int status, HttpResponse<byte[]> raw) {
        public JsonNode json() {
            return Json.MAPPER.readTree(raw.body());
        }

        public byte[] bytes() {
            return raw.body();
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    protected Response send(String method, String path, String apiKey, Object body) {
        var request = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : "http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : Json.write(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (apiKey != null) {
            request.header("X-API-Key", apiKey);
        }
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
