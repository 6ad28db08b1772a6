package dev.weft.providers.local;

import dev.weft.providers.ImageAnalyzer.DominantColor;
import dev.weft.providers.ImageAnalyzer.ImageAnalysis;
import dev.weft.providers.ProviderException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;

import static dev.weft.providers.local.TestImages.png;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LocalImageAnalyzerTest {

    private final LocalImageAnalyzer analyzer = new LocalImageAnalyzer();

    @Test
    void measuresASolidRedLandscapePng() {
        ImageAnalysis a = analyzer.analyze(png(TestImages.solid(64, 32, Color.RED)));

        assertThat(a.width()).isEqualTo(64);
        assertThat(a.height()).isEqualTo(32);
        assertThat(a.format()).isEqualTo("png");
        assertThat(a.hasAlpha()).isFalse();
        assertThat(a.dominantColors()).containsExactly(new DominantColor("#ff0000", 1.0));
        assertThat(a.brightness()).isCloseTo(0.299, within(0.002));
        assertThat(a.contrast()).isZero();
        assertThat(a.tags()).contains("landscape", "red").doesNotContain("monochrome", "dark", "bright");
        assertThat(a.caption()).isEqualTo("A mostly red landscape image (64x32)");
    }

    @Test
    void measuresHalfBlackHalfWhiteAsMidBrightnessMaximumContrastMonochrome() {
        ImageAnalysis a = analyzer.analyze(png(TestImages.halfBlackHalfWhite(40, 40)));

        assertThat(a.brightness()).isCloseTo(0.5, within(0.001));
        assertThat(a.contrast()).isCloseTo(0.5, within(0.001));
        assertThat(a.dominantColors()).extracting(DominantColor::hex).containsExactlyInAnyOrder("#000000", "#ffffff");
        assertThat(a.dominantColors()).extracting(DominantColor::share).containsOnly(0.5);
        assertThat(a.tags()).contains("square", "black", "white", "monochrome");
    }

    @Test
    void tagsDarkAndBrightImages() {
        assertThat(analyzer.analyze(png(TestImages.solid(20, 40, Color.BLACK))).tags())
                .contains("dark", "portrait", "black");
        ImageAnalysis white = analyzer.analyze(png(TestImages.solid(30, 30, Color.WHITE)));
        assertThat(white.tags()).contains("bright", "white", "square");
        assertThat(white.caption()).isEqualTo("A bright, mostly white square image (30x30)");
    }

    @ParameterizedTest
    @CsvSource({"jpg,jpeg", "gif,gif", "bmp,bmp", "png,png"})
    void detectsTheFormatFromTheBytes(String writer, String expected) {
        ImageAnalysis a = analyzer.analyze(TestImages.encode(TestImages.solid(24, 16, Color.BLUE), writer));

        assertThat(a.format()).isEqualTo(expected);
        assertThat(a.width()).isEqualTo(24);
        assertThat(a.tags()).contains("blue");
    }

    @Test
    void reportsAlphaAndTransparency() {
        BufferedImage img = new BufferedImage(10, 10, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 5; x++) {
                img.setRGB(x, y, 0xFF00FF00);
            }
        }

        ImageAnalysis a = analyzer.analyze(png(img));

        assertThat(a.hasAlpha()).isTrue();
        assertThat(a.tags()).contains("transparent", "green");
        assertThat(a.dominantColors()).containsExactly(new DominantColor("#00ff00", 1.0));
    }

    @Test
    void namesTheMainColoursOfAScene() {
        ImageAnalysis a = analyzer.analyze(png(TestImages.scene(300, 200, false)));

        assertThat(a.tags()).contains("landscape", "blue", "green").doesNotContain("monochrome");
        assertThat(a.dominantColors()).hasSizeLessThanOrEqualTo(5);
        assertThat(a.dominantColors()).extracting(DominantColor::share).allSatisfy(s -> assertThat(s).isBetween(0.0, 1.0));
    }

    @Test
    void tagsAnImageWithSeveralStrongColoursColorful() {
        ImageAnalysis a = analyzer.analyze(png(TestImages.quadrants(100, 100)));

        assertThat(a.tags()).contains("colorful", "red", "green", "blue", "yellow");
        assertThat(a.caption()).isEqualTo("A colorful square image (100x100)");
    }

    @Test
    void hashesVisuallySimilarImagesClosely() {
        String large = analyzer.analyze(png(TestImages.scene(400, 300, false))).perceptualHash();
        String smallJpeg = analyzer.analyze(TestImages.encode(TestImages.scene(200, 150, false), "jpg")).perceptualHash();

        assertThat(large).matches("[0-9a-f]{16}");
        assertThat(DifferenceHash.hammingDistance(large, smallJpeg)).isLessThanOrEqualTo(6);
    }

    @Test
    void hashesDifferentImagesFarApart() {
        String scene = analyzer.analyze(png(TestImages.scene(400, 300, false))).perceptualHash();
        String stripes = analyzer.analyze(png(TestImages.stripes(400, 300, 9))).perceptualHash();

        assertThat(DifferenceHash.hammingDistance(scene, stripes)).isGreaterThanOrEqualTo(20);
    }

    @Test
    void rejectsBytesThatAreNoImage() {
        assertPermanent(() -> analyzer.analyze("hello, world".getBytes(StandardCharsets.UTF_8)), "INVALID_IMAGE");
        assertPermanent(() -> analyzer.analyze(new byte[0]), "INVALID_IMAGE");
        assertPermanent(() -> analyzer.analyze(null), "INVALID_IMAGE");
    }

    @Test
    void rejectsATruncatedImage() {
        byte[] full = png(TestImages.scene(100, 100, true));
        byte[] truncated = java.util.Arrays.copyOf(full, 60);

        assertPermanent(() -> analyzer.analyze(truncated), "INVALID_IMAGE");
    }

    @Test
    void refusesImagesOverFortyMegapixelsBeforeDecodingThem() {
        assertPermanent(() -> analyzer.analyze(TestImages.pngHeaderOnly(10_000, 5_000)), "IMAGE_TOO_LARGE");
    }

    @Test
    void reportsWebpAsUnsupportedWhenNoReaderIsInstalled() {
        byte[] webp = "RIFF\u0024\0\0\0WEBPVP8 \u0018\0\0\0".getBytes(StandardCharsets.ISO_8859_1);

        assertPermanent(() -> analyzer.analyze(webp), "UNSUPPORTED_IMAGE_FORMAT");
    }

    private static void assertPermanent(Runnable call, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.code()).isEqualTo(code);
        });
    }
}
