package dev.weft.providers.local;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shape-of-text signals of spam that no word list sees: many links, shouting in capitals, and
 * long runs of one character ("!!!!!!!", "$$$$$$"). Each yields a {@code spam} hit whose weight
 * grows with how extreme the signal is.
 */
final class SpamHeuristics {

    private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?://|www\\.)\\S+");
    private static final Pattern LONG_RUN = Pattern.compile("(\\S)\\1{5,}");
    private static final int MIN_LETTERS_FOR_CAPS = 20;
    private static final double CAPS_RATIO = 0.7;

    private SpamHeuristics() {
    }

    static List<ModerationHit> check(String text) {
        List<ModerationHit> hits = new ArrayList<>();
        int urls = count(URL.matcher(text));
        if (urls >= 3) {
            hits.add(new ModerationHit("spam", "heuristic:urls=" + urls, Math.min(0.9, 0.15 * urls)));
        }
        String prose = URL.matcher(text).replaceAll(" "); // links are lower case by convention
        long letters = prose.chars().filter(Character::isLetter).count();
        long upper = prose.chars().filter(Character::isUpperCase).count();
        if (letters >= MIN_LETTERS_FOR_CAPS && (double) upper / letters >= CAPS_RATIO) {
            double ratio = (double) upper / letters;
            double weight = 0.3 + 0.4 * (ratio - CAPS_RATIO) / (1 - CAPS_RATIO);
            hits.add(new ModerationHit("spam", "heuristic:all_caps=" + Math.round(ratio * 100) + "%", weight));
        }
        int runs = count(LONG_RUN.matcher(text));
        if (runs > 0) {
            hits.add(new ModerationHit("spam", "heuristic:repeated_chars=" + runs, Math.min(0.5, 0.25 * runs)));
        }
        return hits;
    }

    private static int count(Matcher m) {
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
