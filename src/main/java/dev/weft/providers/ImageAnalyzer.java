package dev.weft.providers;

import java.util.List;

/** Measures an image from its pixels ({@code enrich_image}). */
public interface ImageAnalyzer {

    /** @throws ProviderException (permanent, code {@code INVALID_IMAGE}) when the bytes are no image. */
    ImageAnalysis analyze(byte[] image);

    /** hex like {@code #1a2b3c}; share of the pixels in [0, 1]. */
    record DominantColor(String hex, double share) {}

    /**
     * format is {@code png}, {@code jpeg}, {@code gif}, {@code bmp} or {@code webp}; perceptualHash is a
     * 64-bit difference hash in 16 hex digits; brightness is mean luma in [0, 1]; tags are
     * descriptive words derived from the measurements (e.g. {@code dark}, {@code landscape}, {@code red}).
     */
    record ImageAnalysis(int width, int height, String format, boolean hasAlpha,
                         List<DominantColor> dominantColors, String perceptualHash,
                         double brightness, double contrast, List<String> tags, String caption) {}
}
