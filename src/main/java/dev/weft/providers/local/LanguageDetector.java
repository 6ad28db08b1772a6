package dev.weft.providers.local;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tells the language of a text by the share of its words that are common function words of each
 * language. Function words are frequent in every real text and differ between languages, so a
 * few sentences are enough; it is not meant for single words or mixed-language text.
 */
final class LanguageDetector {

    static final List<String> LANGUAGES = List.of("en", "de", "fr", "es", "it", "pt", "nl");
    static final String UNDETERMINED = "und";

    /** language code and confidence in [0, 1]. */
    record Detection(String language, double confidence) {}

    private final Map<String, Set<String>> stopwords;

    LanguageDetector() {
        Map<String, Set<String>> lists = new LinkedHashMap<>();
        for (String lang : LANGUAGES) {
            lists.put(lang, WordLists.words("stopwords/" + lang + ".txt"));
        }
        this.stopwords = Map.copyOf(lists);
    }

    Set<String> stopwords(String language) {
        return stopwords.getOrDefault(language, Set.of());
    }

    Detection detect(List<String> words) {
        String best = UNDETERMINED;
        int bestHits = 0;
        int secondHits = 0;
        int tokens = 0;
        Map<String, Integer> hits = new LinkedHashMap<>();
        for (String word : words) {
            for (String part : TextTokens.parts(word)) {
                tokens++;
                for (String lang : LANGUAGES) {
                    if (stopwords.get(lang).contains(part)) {
                        hits.merge(lang, 1, Integer::sum);
                    }
                }
            }
        }
        for (String lang : LANGUAGES) {
            int h = hits.getOrDefault(lang, 0);
            if (h > bestHits) {
                secondHits = bestHits;
                bestHits = h;
                best = lang;
            } else if (h > secondHits) {
                secondHits = h;
            }
        }
        if (bestHits == 0) {
            return new Detection(UNDETERMINED, 0.0);
        }
        // Confident when the winner clearly beats the runner-up and the evidence is not tiny.
        double margin = (double) (bestHits - secondHits) / bestHits;
        double evidence = Math.min(1.0, bestHits / 5.0);
        double coverage = Math.min(1.0, 3.0 * bestHits / tokens);
        double confidence = round(0.2 + 0.8 * margin * evidence * coverage);
        return new Detection(best, confidence);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
