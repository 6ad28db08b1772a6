package dev.weft.artifacts.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.artifacts.Artifact;
import dev.weft.artifacts.ArtifactStore;
import dev.weft.vector.web.StorageHttpTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ArtifactApiTest extends StorageHttpTest {

    @Autowired
    ArtifactStore store;

    @Test
    void servesAnArtifactsMetadataAndBytesToItsApp() {
        TestApp app = newApp();
        byte[] json = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
        Artifact artifact = store.put(app.id(), "run-1", "store", "application/json", json);

        Response meta = send("GET", "/v1/artifacts/" + artifact.id(), app.key(), null);
        assertThat(meta.status()).isEqualTo(200);
        assertThat(meta.json().get("sha256").asString()).isEqualTo(artifact.sha256());
        assertThat(meta.json().get("url").asString()).as("absolute").endsWith(artifact.url()).startsWith("http://");

        Response content = send("GET", artifact.url(), app.key(), null);
        assertThat(content.status()).isEqualTo(200);
        assertThat(content.bytes()).isEqualTo(json);
        assertThat(content.header("Content-Type")).startsWith("application/json");
        assertThat(content.header("Content-Length")).isEqualTo(String.valueOf(json.length));
        assertThat(content.header("ETag")).isEqualTo("\"" + artifact.sha256() + "\"");
        assertThat(content.header("Cache-Control")).isEqualTo("private");
        assertThat(content.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(content.header("Content-Disposition")).startsWith("attachment");
    }

    @Test
    void servesImagesInline() {
        TestApp app = newApp();
        Artifact image = store.put(app.id(), "run-1", "generate", "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'});

        assertThat(send("GET", image.url(), app.key(), null).header("Content-Disposition")).startsWith("inline");
    }

    @Test
    void listsAnAppsArtifactsByRun() {
        TestApp app = newApp();
        Artifact first = store.put(app.id(), "run-1", "a", "text/plain", new byte[] {1});
        store.put(app.id(), "run-2", "a", "text/plain", new byte[] {2});

        Response list = send("GET", "/v1/artifacts?runId=run-1", app.key(), null);

        assertThat(list.json().get("artifacts")).singleElement()
                .satisfies(a -> assertThat(a.get("id").asString()).isEqualTo(first.id()));
        assertThat(send("GET", "/v1/artifacts", app.key(), null).json().get("artifacts")).hasSize(2);
    }

    @Test
    void anotherAppsArtifactIsNotFound() {
        TestApp owner = newApp();
        TestApp other = newApp();
        Artifact artifact = store.put(owner.id(), "run-1", "a", "text/plain", new byte[] {1});

        assertThat(send("GET", "/v1/artifacts/" + artifact.id(), other.key(), null).status()).isEqualTo(404);
        assertThat(send("GET", artifact.url(), other.key(), null).status()).isEqualTo(404);
        assertThat(send("GET", "/v1/artifacts?runId=run-1", other.key(), null).json().get("artifacts")).isEmpty();
        assertThat(send("GET", "/v1/artifacts/art_missing", owner.key(), null).status()).isEqualTo(404);
        assertThat(send("GET", artifact.url(), null, null).status()).isEqualTo(401);
    }
}
