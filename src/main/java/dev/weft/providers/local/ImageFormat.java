package dev.weft.providers.local;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Image container formats told apart by their magic bytes, so the reported format is what the
 * bytes are, not what a file name or content type claims.
 */
enum ImageFormat {
    PNG("png"), JPEG("jpeg"), GIF("gif"), BMP("bmp"), WEBP("webp");

    private final String id;

    ImageFormat(String id) {
        this.id = id;
    }

    /** The name used in {@code ImageAnalysis.format}. */
    String id() {
        return id;
    }

    static Optional<ImageFormat> detect(byte[] b) {
        if (startsWith(b, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of(PNG);
        }
        if (startsWith(b, 0, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(JPEG);
        }
        if (ascii(b, 0, "GIF87a") || ascii(b, 0, "GIF89a")) {
            return Optional.of(GIF);
        }
        if (ascii(b, 0, "BM") && b.length >= 26) {
            return Optional.of(BMP);
        }
        if (ascii(b, 0, "RIFF") && ascii(b, 8, "WEBP")) {
            return Optional.of(WEBP);
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] b, int offset, int... expected) {
        if (b.length < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((b[offset + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean ascii(byte[] b, int offset, String expected) {
        return startsWith(b, offset, toInts(expected.getBytes(StandardCharsets.US_ASCII)));
    }

    private static int[] toInts(byte[] bytes) {
        int[] out = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[i] & 0xFF;
        }
        return out;
    }
}
