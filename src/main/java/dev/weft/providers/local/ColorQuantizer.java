package dev.weft.providers.local;

import dev.weft.providers.ImageAnalyzer.DominantColor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Dominant colours by quantisation: every visible pixel falls into one of 4096 boxes (4 bits per
 * channel), boxes whose mean colours are close are merged into the bigger one (so a gradient or
 * JPEG noise does not split one colour into many), and the largest clusters are reported with
 * their mean colour and share of the visible pixels.
 */
final class ColorQuantizer {

    static final int MAX_COLORS = 5;
    /** Euclidean RGB distance under which two boxes count as the same colour. */
    private static final double MERGE_DISTANCE = 40.0;

    private ColorQuantizer() {
    }

    private static final class Cluster {
        long count;
        long r;
        long g;
        long b;

        double mean(long channelSum) {
            return (double) channelSum / count;
        }

        double distance(Cluster o) {
            double dr = mean(r) - o.mean(o.r);
            double dg = mean(g) - o.mean(o.g);
            double db = mean(b) - o.mean(o.b);
            return Math.sqrt(dr * dr + dg * dg + db * db);
        }

        void absorb(Cluster o) {
            count += o.count;
            r += o.r;
            g += o.g;
            b += o.b;
        }

        int rgb() {
            return (int) Math.round(mean(r)) << 16 | (int) Math.round(mean(g)) << 8 | (int) Math.round(mean(b));
        }
    }

    static List<DominantColor> dominantColors(PixelSample sample) {
        Cluster[] boxes = new Cluster[4096];
        long total = 0;
        for (int argb : sample.argb()) {
            if (!PixelSample.visible(argb)) {
                continue;
            }
            int r = (argb >> 16) & 0xFF;
            int g = (argb >> 8) & 0xFF;
            int b = argb & 0xFF;
            int box = (r >> 4) << 8 | (g >> 4) << 4 | (b >> 4);
            Cluster c = boxes[box] == null ? (boxes[box] = new Cluster()) : boxes[box];
            c.count++;
            c.r += r;
            c.g += g;
            c.b += b;
            total++;
        }
        List<Cluster> byCount = new ArrayList<>();
        for (Cluster c : boxes) {
            if (c != null) {
                byCount.add(c);
            }
        }
        // Stable order: biggest first, ties by colour, so the result never depends on iteration luck.
        byCount.sort(Comparator.comparingLong((Cluster c) -> c.count).reversed().thenComparingInt(Cluster::rgb));

        List<Cluster> merged = new ArrayList<>();
        for (Cluster c : byCount) {
            Cluster home = merged.stream().filter(m -> m.distance(c) < MERGE_DISTANCE).findFirst().orElse(null);
            if (home == null) {
                merged.add(c);
            } else {
                home.absorb(c);
            }
        }
        merged.sort(Comparator.comparingLong((Cluster c) -> c.count).reversed().thenComparingInt(Cluster::rgb));

        List<DominantColor> out = new ArrayList<>();
        for (Cluster c : merged.subList(0, Math.min(MAX_COLORS, merged.size()))) {
            double share = Math.round((double) c.count / total * 1000) / 1000.0;
            out.add(new DominantColor(String.format("#%06x", c.rgb()), share));
        }
        return List.copyOf(out);
    }
}
