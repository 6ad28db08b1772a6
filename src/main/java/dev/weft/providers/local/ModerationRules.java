package dev.weft.providers.local;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Phrase rules that single words cannot express, such as a first-person threat aimed at the
 * reader ("i will kill you"), read from {@code moderation/rules.txt}
 * ({@code rule-id categories weight regex}). They run over the normalised token text, so
 * obfuscated spellings are caught too.
 */
final class ModerationRules {

    private record Rule(String id, List<String> categories, double weight, Pattern pattern) {}

    private final List<Rule> rules = new ArrayList<>();

    ModerationRules() {
        for (String line : WordLists.lines("moderation/rules.txt")) {
            String[] parts = line.split("\\s+", 4);
            rules.add(new Rule(parts[0], List.of(parts[1].split(",")), Double.parseDouble(parts[2]),
                    Pattern.compile(parts[3])));
        }
    }

    /** Words the rules look for, so the normaliser can restore their disguised spellings. */
    List<String> vocabulary() {
        return List.of("kill", "murder", "shoot", "stab", "hurt", "strangle", "behead", "find", "hunt",
                "track", "dead", "die", "yourself", "myself", "cut", "bomb", "explosive", "gun");
    }

    List<ModerationHit> match(List<String> tokens) {
        String text = String.join(" ", tokens);
        List<ModerationHit> hits = new ArrayList<>();
        for (Rule rule : rules) {
            if (rule.pattern().matcher(text).find()) {
                for (String category : rule.categories()) {
                    hits.add(new ModerationHit(category, "rule:" + rule.id(), rule.weight()));
                }
            }
        }
        return hits;
    }
}
