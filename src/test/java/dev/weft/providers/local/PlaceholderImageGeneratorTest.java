package dev.weft.providers.local;

import dev.weft.providers.ImageAnalyzer.ImageAnalysis;
import dev.weft.providers.ImageGenerator.GeneratedImage;
import dev.weft.providers.ImageGenerator.Request;
import dev.weft.providers.ProviderException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlaceholderImageGeneratorTest {

    private final PlaceholderImageGenerator generator = new PlaceholderImageGenerator();

    @ParameterizedTest
    @CsvSource({"512,384", "16,16", "2048,16", "100,700"})
    void rendersAPngOfExactlyTheRequestedSize(int width, int height) throws IOException {
        GeneratedImage out = generator.generate(new Request("a red fox in the snow", width, height, null));

        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(out.bytes()));
        assertThat(decoded.getWidth()).isEqualTo(width);
        assertThat(decoded.getHeight()).isEqualTo(height);
        assertThat(out.width()).isEqualTo(width);
        assertThat(out.height()).isEqualTo(height);
        assertThat(out.contentType()).isEqualTo("image/png");
    }

    @Test
    void marksTheResultAsAPlaceholder() {
        GeneratedImage out = generator.generate(new Request("anything", 64, 64, null));

        assertThat(out.placeholder()).isTrue();
        assertThat(out.provider()).isEqualTo("local-placeholder");
        assertThat(out.model()).isEqualTo("placeholder-image-v1");
    }

    @Test
    void producesIdenticalBytesForTheSamePromptAndSize() {
        var request = new Request("a lighthouse at dusk", 320, 200, null);

        assertThat(generator.generate(request).bytes())
                .isEqualTo(new PlaceholderImageGenerator().generate(request).bytes());
    }

    @Test
    void producesDifferentImagesForDifferentPrompts() {
        byte[] a = generator.generate(new Request("a lighthouse at dusk", 320, 200, null)).bytes();
        byte[] b = generator.generate(new Request("a desert at noon", 320, 200, null)).bytes();

        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void canBeAnalysedByTheLocalImageAnalyzer() {
        GeneratedImage out = generator.generate(new Request("mountains under a starry sky", 400, 300, null));

        ImageAnalysis analysis = new LocalImageAnalyzer().analyze(out.bytes());

        assertThat(analysis.format()).isEqualTo("png");
        assertThat(analysis.width()).isEqualTo(400);
        assertThat(analysis.height()).isEqualTo(300);
        assertThat(analysis.tags()).contains("landscape");
        assertThat(analysis.dominantColors()).isNotEmpty();
        assertThat(analysis.contrast()).isGreaterThan(0.0);
    }

    @ParameterizedTest
    @CsvSource({"15,100", "100,15", "2049,100", "100,4096", "0,0", "-1,64"})
    void rejectsSizesOutside16To2048Permanently(int width, int height) {
        assertThatThrownBy(() -> generator.generate(new Request("x", width, height, null)))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.code()).isEqualTo("INVALID_SIZE");
                });
    }
}
