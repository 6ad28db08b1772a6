package dev.weft.providers.local;

import java.awt.image.BufferedImage;

/**
 * A nearest-neighbour grid of at most {@link #MAX_SAMPLES} ARGB pixels taken from an image.
 * Statistics (colours, brightness, hash) need the shape of the picture, not every pixel; sampling
 * keeps a 40-megapixel photo as cheap as a thumbnail and, unlike interpolated scaling, never
 * invents blended colours that are not in the image.
 */
record PixelSample(int width, int height, int[] argb) {

    static final int MAX_SAMPLES = 256 * 256;

    static PixelSample of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int step = (int) Math.ceil(Math.sqrt((double) w * h / MAX_SAMPLES));
        step = Math.max(1, step);
        int sw = (w + step - 1) / step;
        int sh = (h + step - 1) / step;
        int[] argb = new int[sw * sh];
        for (int y = 0; y < sh; y++) {
            for (int x = 0; x < sw; x++) {
                argb[y * sw + x] = image.getRGB(x * step, y * step);
            }
        }
        return new PixelSample(sw, sh, argb);
    }

    int at(int x, int y) {
        return argb[y * width + x];
    }

    /** Rec. 601 luma of an ARGB pixel in [0, 1]; alpha is ignored. */
    static double luma(int argb) {
        int r = (argb >> 16) & 0xFF;
        int g = (argb >> 8) & 0xFF;
        int b = argb & 0xFF;
        return (0.299 * r + 0.587 * g + 0.114 * b) / 255.0;
    }

    /** Pixels this transparent carry no visible colour and are left out of colour statistics. */
    static boolean visible(int argb) {
        return (argb >>> 24) >= 16;
    }
}
