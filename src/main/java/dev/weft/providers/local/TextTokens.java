package dev.weft.providers.local;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits text into sentences and lower-cased words. Apostrophes stay inside a word ({@code don't})
 * so negation can be seen; {@link #parts} splits them off for elided forms such as {@code l'homme}.
 */
final class TextTokens {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:'[\\p{L}\\p{N}]+)*");

    /** One sentence as it appears in the text, with its words in order. */
    record Sentence(String text, List<String> words) {}

    private TextTokens() {
    }

    static List<String> words(String text) {
        String normalised = text.replace('\u2019', '\'').replace('\u2018', '\'').toLowerCase(Locale.ROOT);
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(normalised);
        while (m.find()) {
            words.add(m.group());
        }
        return words;
    }

    /** The pieces of a word around apostrophes: {@code l'homme} → {@code l, homme}. */
    static List<String> parts(String word) {
        return word.indexOf('\'') < 0 ? List.of(word) : List.of(word.split("'"));
    }

    /** Sentences by the JDK's rule-based sentence breaker; fragments without words are dropped. */
    static List<Sentence> sentences(String text) {
        BreakIterator it = BreakIterator.getSentenceInstance(Locale.ROOT);
        it.setText(text);
        List<Sentence> sentences = new ArrayList<>();
        int start = it.first();
        for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
            String s = text.substring(start, end).strip();
            List<String> words = words(s);
            if (!words.isEmpty()) {
                sentences.add(new Sentence(s, List.copyOf(words)));
            }
        }
        return sentences;
    }
}
