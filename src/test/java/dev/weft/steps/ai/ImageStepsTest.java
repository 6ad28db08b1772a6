package dev.weft.steps.ai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.outbound.OutboundPolicy;
import dev.weft.outbound.SafeHttpClient;
import dev.weft.providers.local.LocalImageAnalyzer;
import dev.weft.providers.local.LocalModerator;
import dev.weft.providers.local.PlaceholderImageGenerator;
import dev.weft.steps.StepResult;
import dev.weft.steps.StepResult.PermanentFailure;
import dev.weft.steps.StepResult.RetryableFailure;
import dev.weft.steps.StepResult.Succeeded;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ImageStepsTest {

    static final InMemoryArtifactStore artifacts = new InMemoryArtifactStore();
    static TestHttpServer server;
    static SafeHttpClient http;
    static ImageGenerateStep generate;
    static EnrichImageStep enrich;

    @BeforeAll
    static void start() {
        server = new TestHttpServer();
        http = TestHttpServer.allowingLocalhost();
        generate = new ImageGenerateStep(List.of(new PlaceholderImageGenerator()), artifacts);
        enrich = new EnrichImageStep(new ImageSources(artifacts, http, ImageSources.DEFAULT_MAX_BYTES),
                new LocalImageAnalyzer());
    }

    @AfterAll
    static void stop() {
        server.close();
        http.close();
    }

    @Test
    void generatesARealPngOfTheRequestedSizeStoredAsAnArtifactAndSaysItIsAPlaceholder() throws IOException {
        JsonNode out = succeeded(generate.execute(Contexts.of("{\"prompt\": \"a red fox\", \"size\": \"320x200\"}")));

        JsonNode image = out.get("image");
        byte[] stored = artifacts.read(artifacts.find("app-a", image.get("artifactId").asString()).orElseThrow());
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(stored));
        assertThat(png.getWidth()).isEqualTo(320);
        assertThat(png.getHeight()).isEqualTo(200);
        assertThat(image.get("contentType").asString()).isEqualTo("image/png");
        assertThat(image.get("width").asInt()).isEqualTo(320);
        assertThat(image.get("url").asString()).endsWith("/content");
        assertThat(out.get("placeholder").asBoolean()).isTrue();
        assertThat(out.get("notice").asString()).isEqualTo("placeholder image: no image model configured");
        assertThat(out.get("provider").asString()).isEqualTo(PlaceholderImageGenerator.PROVIDER);
    }

    @Test
    void refusesASizeTheProviderCannotMakeNamingTheStep() {
        StepResult result = generate.execute(Contexts.of("app-a", "hero", "{\"prompt\": \"x\", \"size\": \"9999x10\"}"));

        assertThat(result).isInstanceOfSatisfying(PermanentFailure.class, f -> {
            assertThat(f.code()).isEqualTo("INVALID_SIZE");
            assertThat(f.message()).contains("step 'hero'");
        });
    }

    @Test
    void enrichImageMeasuresTheGeneratedArtifact() {
        JsonNode image = generatedImage("app-a", "160x90");

        JsonNode out = succeeded(enrich.execute(Contexts.of("{\"image\": " + image + "}")));

        assertThat(out.get("width").asInt()).isEqualTo(160);
        assertThat(out.get("height").asInt()).isEqualTo(90);
        assertThat(out.get("format").asString()).isEqualTo("png");
        assertThat(out.get("perceptualHash").asString()).hasSize(16);
        assertThat(out.get("tags").isArray()).isTrue();
    }

    @Test
    void enrichImageRefusesAnotherAppsArtifactAsNotFound() {
        JsonNode image = generatedImage("app-b", "64x64");

        StepResult result = enrich.execute(Contexts.of("app-a", "tags", "{\"image\": " + image + "}"));

        assertThat(result).isInstanceOfSatisfying(PermanentFailure.class, f -> {
            assertThat(f.code()).isEqualTo("IMAGE_NOT_FOUND");
            assertThat(f.message()).contains("step 'tags'", image.get("artifactId").asString());
        });
    }

    @Test
    void enrichImageReadsABase64DataUri() {
        byte[] png = artifacts.read(artifacts.find("app-a", generatedImage("app-a", "48x32").get("artifactId")
                .asString()).orElseThrow());
        String uri = "data:image/png;base64," + Base64.getEncoder().encodeToString(png);

        JsonNode out = succeeded(enrich.execute(Contexts.of("{\"image\": \"" + uri + "\"}")));

        assertThat(out.get("width").asInt()).isEqualTo(48);
    }

    @Test
    void enrichImageFetchesAnImageUrl() {
        byte[] png = artifacts.read(artifacts.find("app-a", generatedImage("app-a", "40x20").get("artifactId")
                .asString()).orElseThrow());
        server.answer(200, Map.of("Content-Type", "image/png"), png);

        JsonNode out = succeeded(enrich.execute(Contexts.of("{\"image\": \"" + server.url("/cat.png") + "\"}")));

        assertThat(out.get("width").asInt()).isEqualTo(40);
        assertThat(out.get("height").asInt()).isEqualTo(20);
    }

    @Test
    void anImageUrlAnswering503IsRetryable() {
        server.answer(503, Map.of("Retry-After", "7"), new byte[0]);

        StepResult result = enrich.execute(Contexts.of("{\"image\": \"" + server.url("/busy.png") + "\"}"));

        assertThat(result).isInstanceOfSatisfying(RetryableFailure.class, f -> {
            assertThat(f.code()).isEqualTo("IMAGE_FETCH_FAILED");
            assertThat(f.retryAfterMillis()).isEqualTo(7000L);
        });
    }

    @Test
    void anImageUrlToAPrivateAddressIsRefusedPermanently() {
        try (SafeHttpClient strict = TestHttpServer.client(OutboundPolicy.strict())) {
            EnrichImageStep guarded = new EnrichImageStep(new ImageSources(artifacts, strict, 1_000_000),
                    new LocalImageAnalyzer());

            StepResult result = guarded.execute(Contexts.of("{\"image\": \"" + server.url("/x.png") + "\"}"));

            assertThat(result).isInstanceOfSatisfying(PermanentFailure.class, f -> {
                assertThat(f.code()).isEqualTo("IMAGE_URL_BLOCKED");
                assertThat(f.message()).contains("127.0.0.1");
            });
            assertThat(server.received()).noneMatch(r -> r.path().equals("/x.png"));
        }
    }

    @Test
    void moderationChecksTextAndImageTogether() {
        ModerateContentStep moderate = new ModerateContentStep(
                new ImageSources(artifacts, http, ImageSources.DEFAULT_MAX_BYTES), List.of(new LocalModerator()));
        JsonNode image = generatedImage("app-a", "64x64");

        JsonNode out = succeeded(moderate.execute(Contexts.of(
                "{\"text\": \"a calm lake at dawn\", \"image\": " + image + "}")));

        assertThat(out.get("flagged").asBoolean()).isFalse();
        assertThat(out.get("categories").has("violence")).isTrue();
    }

    private static JsonNode generatedImage(String appId, String size) {
        return succeeded(generate.execute(Contexts.of(appId, "generate",
                "{\"prompt\": \"a lighthouse\", \"size\": \"" + size + "\"}"))).get("image");
    }

    static JsonNode succeeded(StepResult result) {
        assertThat(result).isInstanceOf(Succeeded.class);
        return ((Succeeded) result).output();
    }
}
