package dev.weft.providers.local;

import dev.weft.providers.TextAnalyzer.Keyword;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keywords by term frequency: the words that remain after dropping function words, short tokens
 * and numbers, with a simple English plural folded into its singular when both occur.
 * Scores are relative to the most frequent term (which scores 1.0).
 */
final class KeywordExtractor {

    static final int MIN_LENGTH = 3;

    /** Every term's weight plus the ranking; {@link #weight} applies the same folding as extraction. */
    record Terms(Map<String, Double> weights, Map<String, String> aliases, List<Keyword> ranked) {

        double weight(String candidate) {
            return weights.getOrDefault(aliases.getOrDefault(candidate, candidate), 0.0);
        }
    }

    private KeywordExtractor() {
    }

    static Terms extract(List<String> words, Set<String> stopwords) {
        Map<String, Integer> counts = new LinkedHashMap<>(); // keeps first occurrence for stable ties
        for (String word : words) {
            for (String term : candidates(word, stopwords)) {
                counts.merge(term, 1, Integer::sum);
            }
        }
        Map<String, String> aliases = new HashMap<>();
        for (String term : List.copyOf(counts.keySet())) {
            String singular = term.substring(0, term.length() - 1);
            if (term.endsWith("s") && !term.endsWith("ss") && counts.containsKey(singular)) {
                counts.merge(singular, counts.remove(term), Integer::sum);
                aliases.put(term, singular);
            }
        }
        int max = counts.values().stream().mapToInt(Integer::intValue).max().orElse(1);
        Map<String, Double> weights = new LinkedHashMap<>();
        counts.forEach((term, count) -> weights.put(term, round((double) count / max)));

        List<String> order = new ArrayList<>(weights.keySet());
        List<Keyword> ranked = new ArrayList<>();
        weights.forEach((term, score) -> ranked.add(new Keyword(term, score)));
        ranked.sort(Comparator.comparingDouble(Keyword::score).reversed()
                .thenComparingInt(k -> order.indexOf(k.term())));
        return new Terms(Map.copyOf(weights), Map.copyOf(aliases), List.copyOf(ranked));
    }

    /** The content terms inside one word token: apostrophe pieces that are long enough and not stopwords. */
    static List<String> candidates(String word, Set<String> stopwords) {
        List<String> out = new ArrayList<>(1);
        for (String part : TextTokens.parts(word)) {
            if (part.length() >= MIN_LENGTH && !stopwords.contains(part) && !isNumber(part)) {
                out.add(part);
            }
        }
        return out;
    }

    private static boolean isNumber(String s) {
        return s.chars().allMatch(Character::isDigit);
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
