package dev.weft.providers.local;

import java.awt.Color;

/**
 * Brightness (mean Rec. 601 luma), contrast (luma standard deviation) and mean saturation of the
 * visible pixels, each in [0, 1] (contrast at most 0.5), plus the share of transparent pixels.
 */
record ToneStats(double brightness, double contrast, double saturation, double transparentShare) {

    static ToneStats of(PixelSample sample) {
        int[] px = sample.argb();
        long visible = 0;
        for (int p : px) {
            if (PixelSample.visible(p)) {
                visible++;
            }
        }
        // A fully transparent image still has colour values; measure them rather than nothing.
        boolean all = visible == 0;
        double sum = 0;
        double sumSq = 0;
        double satSum = 0;
        long n = 0;
        for (int p : px) {
            if (all || PixelSample.visible(p)) {
                double y = PixelSample.luma(p);
                sum += y;
                sumSq += y * y;
                satSum += Color.RGBtoHSB((p >> 16) & 0xFF, (p >> 8) & 0xFF, p & 0xFF, null)[1];
                n++;
            }
        }
        double mean = sum / n;
        double variance = Math.max(0, sumSq / n - mean * mean);
        return new ToneStats(round(mean), round(Math.sqrt(variance)), round(satSum / n),
                round(1.0 - (double) visible / px.length));
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
