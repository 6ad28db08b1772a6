package dev.weft.providers.local;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Extractive summary: the sentences densest in the text's keywords, kept in their original order
 * so the summary reads like the text. Density divides by at least {@link #MIN_DENOMINATOR} words
 * so that short fragments ("Yes.") cannot win on one lucky keyword.
 */
final class ExtractiveSummarizer {

    private static final int MIN_DENOMINATOR = 6;

    private ExtractiveSummarizer() {
    }

    static String summarize(List<TextTokens.Sentence> sentences, KeywordExtractor.Terms terms,
                            Set<String> stopwords, int maxSentences) {
        if (maxSentences <= 0 || sentences.isEmpty()) {
            return "";
        }
        List<Integer> indexes = new ArrayList<>();
        double[] scores = new double[sentences.size()];
        for (int i = 0; i < sentences.size(); i++) {
            indexes.add(i);
            scores[i] = density(sentences.get(i), terms, stopwords);
        }
        indexes.sort(Comparator.<Integer>comparingDouble(i -> scores[i]).reversed()
                .thenComparing(Comparator.naturalOrder()));
        return indexes.subList(0, Math.min(maxSentences, indexes.size())).stream()
                .sorted()
                .map(i -> sentences.get(i).text())
                .collect(Collectors.joining(" "));
    }

    private static double density(TextTokens.Sentence sentence, KeywordExtractor.Terms terms,
                                  Set<String> stopwords) {
        double sum = 0;
        for (String word : sentence.words()) {
            for (String term : KeywordExtractor.candidates(word, stopwords)) {
                sum += terms.weight(term);
            }
        }
        return sum / Math.max(MIN_DENOMINATOR, sentence.words().size());
    }
}
