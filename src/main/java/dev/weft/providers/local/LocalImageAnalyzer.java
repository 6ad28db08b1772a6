package dev.weft.providers.local;

import dev.weft.providers.ImageAnalyzer;
import dev.weft.providers.ProviderException;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Offline image enrichment from real pixels: format from the magic bytes, size and alpha from the
 * decoder, dominant colours by quantisation, a 64-bit difference hash for near-duplicate search,
 * brightness and contrast from luma, and tags and a caption derived from those measurements.
 *
 * <p>Decoding uses {@code javax.imageio} (PNG, JPEG, GIF, BMP; WebP only if a WebP ImageIO plugin is
 * on the classpath) and refuses images over 40 megapixels before decoding them. Stateless and
 * thread-safe.
 */
public final class LocalImageAnalyzer implements ImageAnalyzer {

    public LocalImageAnalyzer() {
    }

    /**
     * @throws ProviderException permanent, with code {@code INVALID_IMAGE}, {@code IMAGE_TOO_LARGE} or
     *                           {@code UNSUPPORTED_IMAGE_FORMAT}
     */
    @Override
    public ImageAnalysis analyze(byte[] image) {
        ImageDecoding.Decoded decoded = ImageDecoding.decode(image);
        BufferedImage img = decoded.image();
        PixelSample sample = PixelSample.of(img);
        List<DominantColor> colors = ColorQuantizer.dominantColors(sample);
        ToneStats tone = ToneStats.of(sample);
        ImageDescriber.Description description =
                ImageDescriber.describe(img.getWidth(), img.getHeight(), colors, tone);
        return new ImageAnalysis(img.getWidth(), img.getHeight(), decoded.format().id(),
                img.getColorModel().hasAlpha(), colors, DifferenceHash.of(sample),
                tone.brightness(), tone.contrast(), description.tags(), description.caption());
    }
}
