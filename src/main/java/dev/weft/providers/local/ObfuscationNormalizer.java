package dev.weft.providers.local;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Undoes the cheap disguises people use to slip words past filters: leetspeak ({@code k1ll},
 * {@code h@te}, {@code a$$}), stretched letters ({@code kiiiill}) and odd casing. Text becomes
 * lower-case word tokens; punctuation separates words, so matching is on word boundaries.
 *
 * <p>Where a disguise is ambiguous ({@code 1} may be {@code i} or {@code l}, {@code kiiill} may
 * squeeze to several words) the reading that is a known lexicon word wins.
 */
final class ObfuscationNormalizer {

    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}@$!]+");
    private static final Pattern TRIPLE_RUN = Pattern.compile("(\\p{L})\\1{2,}");
    private static final Pattern ANY_RUN = Pattern.compile("(\\p{L})\\1+");

    private final Set<String> vocabulary;
    private final Map<String, String> squeezedVocabulary = new HashMap<>();

    /** @param vocabulary the words the lexicons and rules look for */
    ObfuscationNormalizer(Set<String> vocabulary) {
        this.vocabulary = Set.copyOf(vocabulary);
        for (String word : this.vocabulary) {
            squeezedVocabulary.putIfAbsent(squeeze(word), word);
        }
    }

    List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            String token = trimSymbols(m.group());
            if (!token.isEmpty()) {
                out.add(canonical(token));
            }
        }
        return out;
    }

    private String canonical(String token) {
        if (token.chars().noneMatch(Character::isLetter)) {
            return token; // a number such as 2024 or 100 is not leetspeak
        }
        String asI = deLeet(token, 'i');
        String resolved = resolve(asI);
        if (resolved == null && token.indexOf('1') >= 0) {
            resolved = resolve(deLeet(token, 'l'));
        }
        if (resolved != null) {
            return resolved;
        }
        return TRIPLE_RUN.matcher(asI).replaceAll("$1$1");
    }

    private String resolve(String candidate) {
        if (vocabulary.contains(candidate)) {
            return candidate;
        }
        if (TRIPLE_RUN.matcher(candidate).find()) {
            return squeezedVocabulary.get(squeeze(candidate));
        }
        return null;
    }

    /** "@user" and "wow!!" keep their letters; a symbol only counts as a letter inside a word. */
    private static String trimSymbols(String token) {
        int start = 0;
        int end = token.length();
        while (start < end && (token.charAt(start) == '@' || token.charAt(start) == '!')) {
            start++;
        }
        while (end > start && token.charAt(end - 1) == '!') {
            end--;
        }
        return token.substring(start, end);
    }

    private static String deLeet(String token, char one) {
        StringBuilder sb = new StringBuilder(token.length());
        for (char c : token.toCharArray()) {
            sb.append(switch (c) {
                case '0' -> 'o';
                case '1' -> one;
                case '3' -> 'e';
                case '4', '@' -> 'a';
                case '5', '$' -> 's';
                case '7' -> 't';
                case '!' -> 'i';
                default -> c;
            });
        }
        return sb.toString();
    }

    static String squeeze(String word) {
        return ANY_RUN.matcher(word).replaceAll("$1");
    }
}
