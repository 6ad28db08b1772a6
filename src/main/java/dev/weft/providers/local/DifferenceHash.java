package dev.weft.providers.local;

/**
 * 64-bit difference hash (dHash): the picture averaged down to 9x8 grey cells, one bit per
 * horizontal neighbour pair telling whether brightness rises. Resizing, re-encoding and small
 * edits flip few bits, so the Hamming distance between hashes measures visual similarity.
 */
final class DifferenceHash {

    private static final int COLS = 9;
    private static final int ROWS = 8;

    private DifferenceHash() {
    }

    /** The hash as 16 lower-case hex digits. */
    static String of(PixelSample sample) {
        double[][] grey = boxAverage(sample);
        long bits = 0;
        for (int y = 0; y < ROWS; y++) {
            for (int x = 0; x < COLS - 1; x++) {
                bits <<= 1;
                if (grey[y][x] < grey[y][x + 1]) {
                    bits |= 1;
                }
            }
        }
        return String.format("%016x", bits);
    }

    static int hammingDistance(String hexA, String hexB) {
        return Long.bitCount(Long.parseUnsignedLong(hexA, 16) ^ Long.parseUnsignedLong(hexB, 16));
    }

    /** Area average, so the result does not depend on which pixels happen to fall on a grid point. */
    private static double[][] boxAverage(PixelSample s) {
        double[][] out = new double[ROWS][COLS];
        for (int cy = 0; cy < ROWS; cy++) {
            int y0 = cy * s.height() / ROWS;
            int y1 = Math.max(y0 + 1, (cy + 1) * s.height() / ROWS);
            for (int cx = 0; cx < COLS; cx++) {
                int x0 = cx * s.width() / COLS;
                int x1 = Math.max(x0 + 1, (cx + 1) * s.width() / COLS);
                double sum = 0;
                for (int y = y0; y < y1; y++) {
                    for (int x = x0; x < x1; x++) {
                        sum += PixelSample.luma(s.at(x, y));
                    }
                }
                out[cy][cx] = sum / ((y1 - y0) * (x1 - x0));
            }
        }
        return out;
    }
}
