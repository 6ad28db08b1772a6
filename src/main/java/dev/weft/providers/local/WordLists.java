package dev.weft.providers.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the word lists shipped under {@code providers/local/}. Lists are plain UTF-8 text so that
 * they can be reviewed and extended without touching code: {@code #} starts a comment, blank
 * lines are ignored.
 */
final class WordLists {

    private static final String ROOT = "/providers/local/";

    private WordLists() {
    }

    /** Whitespace-separated words, lower-cased. A missing list is a packaging bug, so it fails fast. */
    static Set<String> words(String relativePath) {
        List<String> words = new ArrayList<>();
        for (String line : lines(relativePath)) {
            for (String w : line.split("\\s+")) {
                if (!w.isEmpty()) {
                    words.add(w.toLowerCase(Locale.ROOT));
                }
            }
        }
        return Set.copyOf(words);
    }

    /** Non-blank, non-comment lines, trimmed (for lists whose entries are phrases). */
    static List<String> lines(String relativePath) {
        String path = ROOT + relativePath;
        try (InputStream in = WordLists.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Missing word list on the classpath: " + path);
            }
            List<String> out = new ArrayList<>();
            try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    int hash = line.indexOf('#');
                    String content = (hash >= 0 ? line.substring(0, hash) : line).strip();
                    if (!content.isEmpty()) {
                        out.add(content);
                    }
                }
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read word list " + path, e);
        }
    }
}
