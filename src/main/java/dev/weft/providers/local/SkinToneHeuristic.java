package dev.weft.providers.local;

/**
 * HEURISTIC, NOT A CLASSIFIER: the share of pixels whose colour falls in a classic skin-tone box
 * in YCbCr space (Cb 77..127, Cr 133..173, after Chai and Ngan). Skin-heavy images are more
 * often nudity than others, but faces, hands, sand, wood and warm light all land in the box too,
 * and skin tones outside it are missed. It is therefore reported only as a down-weighted score
 * of at most {@link #MAX_SCORE}, is never a flaggable category and never flags anything alone.
 */
final class SkinToneHeuristic {

    static final String CATEGORY = "sexual_image_skin_ratio";
    static final double MAX_SCORE = 0.5;

    private SkinToneHeuristic() {
    }

    /** The skin-pixel ratio scaled into [0, {@link #MAX_SCORE}]. */
    static double score(PixelSample sample) {
        long visible = 0;
        long skin = 0;
        for (int p : sample.argb()) {
            if (!PixelSample.visible(p)) {
                continue;
            }
            visible++;
            int r = (p >> 16) & 0xFF;
            int g = (p >> 8) & 0xFF;
            int b = p & 0xFF;
            double cb = 128 - 0.168736 * r - 0.331264 * g + 0.5 * b;
            double cr = 128 + 0.5 * r - 0.418688 * g - 0.081312 * b;
            if (cb >= 77 && cb <= 127 && cr >= 133 && cr <= 173) {
                skin++;
            }
        }
        double ratio = visible == 0 ? 0 : (double) skin / visible;
        return Math.round(ratio * MAX_SCORE * 1000) / 1000.0;
    }
}
