package dev.weft.providers.local;

import dev.weft.providers.TextAnalyzer.Sentiment;

import java.util.List;
import java.util.Set;

/**
 * Lexicon sentiment for English text: each positive word counts +1 and each negative word -1,
 * flipped and damped when a negator precedes it within three words ("not good", "never really
 * bad") and boosted after an intensifier ("very good"). The sum is squashed into [-1, 1] so that
 * one word gives a mild score and many agreeing words approach the bounds.
 */
final class SentimentScorer {

    private static final Set<String> NEGATORS = Set.of("not", "no", "never", "nor", "neither", "none",
            "nobody", "nothing", "without", "hardly", "barely", "cannot", "cant", "dont", "isnt", "wasnt");
    private static final Set<String> INTENSIFIERS = Set.of("very", "really", "extremely", "so", "too",
            "incredibly", "absolutely", "totally", "truly", "highly", "super");
    private static final int NEGATION_WINDOW = 3;
    /** Negation flips but weakens: "not good" is less negative than "bad" (as in VADER). */
    private static final double NEGATION_FACTOR = -0.75;
    private static final double INTENSIFIER_FACTOR = 1.5;
    /** Larger values make the squash slower; 6 maps a single word to about ±0.38. */
    private static final double SQUASH = 6.0;
    private static final double NEUTRAL_BAND = 0.1;

    private final Set<String> positive;
    private final Set<String> negative;

    SentimentScorer() {
        this.positive = WordLists.words("sentiment/positive.txt");
        this.negative = WordLists.words("sentiment/negative.txt");
    }

    /** Scores sentence by sentence so that a negator never reaches into the next sentence. */
    Sentiment score(List<TextTokens.Sentence> sentences) {
        double raw = 0;
        for (TextTokens.Sentence sentence : sentences) {
            raw += rawScore(sentence.words());
        }
        double score = raw / Math.sqrt(raw * raw + SQUASH);
        score = Math.max(-1.0, Math.min(1.0, Math.round(score * 1000) / 1000.0));
        String label = score > NEUTRAL_BAND ? "positive" : score < -NEUTRAL_BAND ? "negative" : "neutral";
        return new Sentiment(label, score);
    }

    private double rawScore(List<String> words) {
        double sum = 0;
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            int polarity = positive.contains(w) ? 1 : negative.contains(w) ? -1 : 0;
            if (polarity == 0) {
                continue;
            }
            double value = polarity;
            if (i > 0 && INTENSIFIERS.contains(words.get(i - 1))) {
                value *= INTENSIFIER_FACTOR;
            }
            if (negated(words, i)) {
                value *= NEGATION_FACTOR;
            }
            sum += value;
        }
        return sum;
    }

    private static boolean negated(List<String> words, int index) {
        for (int j = Math.max(0, index - NEGATION_WINDOW); j < index; j++) {
            String w = words.get(j);
            if (NEGATORS.contains(w) || w.endsWith("n't")) {
                return true;
            }
        }
        return false;
    }
}
