package dev.weft.providers.local;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Weighted terms and phrases per category, read from {@code moderation/<category>.txt}
 * ({@code weight term-or-phrase}; a trailing {@code *} on a single word matches as a prefix).
 * Matching is on normalised word tokens, so it respects word boundaries.
 */
final class ModerationLexicon {

    /** At most this many occurrences of one term count, so a repeated word cannot saturate a score alone. */
    static final int MAX_OCCURRENCES_PER_TERM = 3;

    private record Entry(String category, String label, List<String> words, boolean prefix, double weight) {}

    private final Map<String, List<Entry>> byFirstWord = new HashMap<>();
    private final List<Entry> prefixEntries = new ArrayList<>();
    private final Set<String> vocabulary = new HashSet<>();

    ModerationLexicon(List<String> categories) {
        for (String category : categories) {
            for (String line : WordLists.lines("moderation/" + category + ".txt")) {
                add(category, line);
            }
        }
    }

    /** Every word the lexicon knows, for the obfuscation normaliser. */
    Set<String> vocabulary() {
        return Set.copyOf(vocabulary);
    }

    private void add(String category, String line) {
        String[] parts = line.split("\\s+", 2);
        double weight = Double.parseDouble(parts[0]);
        String label = parts[1].strip();
        boolean prefix = label.endsWith("*");
        // Terms go through the same tokenising as text, so "you're" and "self-harm" line up.
        List<String> words = List.of(label.replace("*", "").replaceAll("[^\\p{L}\\p{N}]+", " ")
                .toLowerCase(Locale.ROOT).strip().split(" "));
        Entry entry = new Entry(category, label, words, prefix && words.size() == 1, weight);
        vocabulary.addAll(words);
        if (entry.prefix()) {
            prefixEntries.add(entry);
        } else {
            byFirstWord.computeIfAbsent(words.getFirst(), k -> new ArrayList<>()).add(entry);
        }
    }

    List<ModerationHit> match(List<String> tokens) {
        Map<Entry, Integer> occurrences = new HashMap<>();
        List<ModerationHit> hits = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            for (Entry e : byFirstWord.getOrDefault(token, List.of())) {
                if (matchesAt(tokens, i, e.words())) {
                    record(e, occurrences, hits);
                }
            }
            for (Entry e : prefixEntries) {
                if (token.startsWith(e.words().getFirst())) {
                    record(e, occurrences, hits);
                }
            }
        }
        return hits;
    }

    private static boolean matchesAt(List<String> tokens, int start, List<String> words) {
        if (start + words.size() > tokens.size()) {
            return false;
        }
        for (int j = 0; j < words.size(); j++) {
            if (!tokens.get(start + j).equals(words.get(j))) {
                return false;
            }
        }
        return true;
    }

    private static void record(Entry e, Map<Entry, Integer> occurrences, List<ModerationHit> hits) {
        if (occurrences.merge(e, 1, Integer::sum) <= MAX_OCCURRENCES_PER_TERM) {
            hits.add(new ModerationHit(e.category(), e.label(), e.weight()));
        }
    }
}
