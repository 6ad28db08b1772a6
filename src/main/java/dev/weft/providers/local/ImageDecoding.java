package dev.weft.providers.local;

import dev.weft.providers.ProviderException;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;

/**
 * Decodes untrusted image bytes with {@code javax.imageio}, refusing decompression bombs: the
 * dimensions are read from the header first and anything over {@link #MAX_PIXELS} is rejected
 * before a single pixel buffer is allocated.
 */
final class ImageDecoding {

    static final long MAX_PIXELS = 40_000_000L;

    record Decoded(BufferedImage image, ImageFormat format) {}

    private ImageDecoding() {
    }

    static Decoded decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw invalid("no bytes were given");
        }
        ImageFormat format = ImageFormat.detect(bytes)
                .orElseThrow(() -> invalid("the bytes do not start like a PNG, JPEG, GIF, BMP or WebP image"));
        // A memory cache avoids ImageIO's temp files and the global ImageIO.setUseCache switch.
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                if (format == ImageFormat.WEBP) {
                    throw new ProviderException(false, "UNSUPPORTED_IMAGE_FORMAT",
                            "WebP images cannot be decoded by the local image analyzer (no ImageIO WebP reader installed)");
                }
                throw invalid("no decoder accepts these " + format.id() + " bytes");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                if (width <= 0 || height <= 0) {
                    throw invalid("the image has no pixels");
                }
                if (width * height > MAX_PIXELS) {
                    throw new ProviderException(false, "IMAGE_TOO_LARGE", "Image of " + width + "x" + height
                            + " exceeds the local limit of " + MAX_PIXELS / 1_000_000 + " megapixels");
                }
                BufferedImage image = reader.read(0);
                if (image == null) {
                    throw invalid("the decoder returned no image");
                }
                return new Decoded(image, format);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ProviderException pe) {
                throw pe;
            }
            throw new ProviderException(false, "INVALID_IMAGE",
                    "The bytes could not be decoded as a " + format.id() + " image: " + e.getMessage(), e);
        }
    }

    private static ProviderException invalid(String why) {
        return new ProviderException(false, "INVALID_IMAGE", "Not a decodable image: " + why);
    }
}
