package dev.weft.providers.local;

import java.awt.Color;

/**
 * Everyday colour names for an RGB value, from its hue, saturation and brightness. Coarse on
 * purpose: the names become search tags and caption words, where "blue" beats "#3a5fcd".
 */
final class ColorNames {

    private ColorNames() {
    }

    static boolean isNeutral(String name) {
        return name.equals("black") || name.equals("white") || name.equals("grey");
    }

    static String name(int rgb) {
        float[] hsv = Color.RGBtoHSB((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF, null);
        double hue = hsv[0] * 360.0;
        double sat = hsv[1];
        double val = hsv[2];
        if (val < 0.18) {
            return "black";
        }
        if (sat < 0.15) {
            return val > 0.85 ? "white" : "grey";
        }
        if (hue < 15 || hue >= 345) {
            return sat < 0.5 && val > 0.7 ? "pink" : val < 0.45 ? "brown" : "red";
        }
        if (hue < 45) {
            return val < 0.65 ? "brown" : "orange";
        }
        if (hue < 70) {
            return val < 0.5 ? "brown" : "yellow";
        }
        if (hue < 170) {
            return "green";
        }
        if (hue < 260) {
            return "blue";
        }
        if (hue < 290) {
            return "purple";
        }
        return "pink";
    }
}
