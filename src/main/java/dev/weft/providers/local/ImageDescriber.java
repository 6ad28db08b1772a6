package dev.weft.providers.local;

import dev.weft.providers.ImageAnalyzer.DominantColor;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns measurements into words: tags for search and filtering, and a one-sentence caption. It
 * only states what was measured (shape, light, colour), never guesses at the subject.
 */
final class ImageDescriber {

    static final double DARK_BELOW = 0.25;
    static final double BRIGHT_ABOVE = 0.75;
    /** A colour needs this share of the pixels to be named in tags. */
    private static final double TAG_SHARE = 0.15;
    private static final double MONOCHROME_SATURATION = 0.08;

    record Description(List<String> tags, String caption) {}

    private ImageDescriber() {
    }

    static Description describe(int width, int height, List<DominantColor> colors, ToneStats tone) {
        String orientation = orientation(width, height);
        String light = tone.brightness() < DARK_BELOW ? "dark" : tone.brightness() > BRIGHT_ABOVE ? "bright" : null;

        Set<String> colorNames = new LinkedHashSet<>();
        Set<String> chromatic = new LinkedHashSet<>();
        for (DominantColor c : colors) {
            String name = ColorNames.name(Integer.parseInt(c.hex().substring(1), 16));
            if (c.share() >= TAG_SHARE) {
                colorNames.add(name);
            }
            if (c.share() >= 0.1 && !ColorNames.isNeutral(name)) {
                chromatic.add(name);
            }
        }
        boolean monochrome = tone.saturation() < MONOCHROME_SATURATION;
        boolean colorful = !monochrome && chromatic.size() >= 3;

        List<String> tags = new ArrayList<>();
        tags.add(orientation);
        if (light != null) {
            tags.add(light);
        }
        tags.addAll(colorNames);
        if (monochrome) {
            tags.add("monochrome");
        }
        if (colorful) {
            tags.add("colorful");
        }
        if (tone.transparentShare() > 0) {
            tags.add("transparent");
        }
        return new Description(List.copyOf(tags),
                caption(width, height, orientation, light, colors, colorful, monochrome));
    }

    private static String orientation(int width, int height) {
        double ratio = (double) width / height;
        return ratio > 1.05 ? "landscape" : ratio < 0.95 ? "portrait" : "square";
    }

    /** e.g. "A bright, mostly blue landscape image (1024x768)". */
    private static String caption(int width, int height, String orientation, String light,
                                  List<DominantColor> colors, boolean colorful, boolean monochrome) {
        List<String> adjectives = new ArrayList<>();
        if (light != null) {
            adjectives.add(light);
        }
        String colorPhrase = colorPhrase(colors, colorful, monochrome);
        if (colorPhrase != null) {
            adjectives.add(colorPhrase);
        }
        String body = (adjectives.isEmpty() ? "" : String.join(", ", adjectives) + " ") + orientation + " image";
        String article = "aeiou".indexOf(body.charAt(0)) >= 0 ? "An" : "A";
        return article + " " + body + " (" + width + "x" + height + ")";
    }

    private static String colorPhrase(List<DominantColor> colors, boolean colorful, boolean monochrome) {
        if (colorful) {
            return "colorful";
        }
        if (colors.isEmpty()) {
            return monochrome ? "monochrome" : null;
        }
        String first = ColorNames.name(Integer.parseInt(colors.getFirst().hex().substring(1), 16));
        if (colors.getFirst().share() >= 0.5) {
            return "mostly " + first;
        }
        if (colors.size() > 1) {
            String second = ColorNames.name(Integer.parseInt(colors.get(1).hex().substring(1), 16));
            if (!second.equals(first)) {
                return first + " and " + second;
            }
        }
        return monochrome ? "monochrome" : first;
    }
}
