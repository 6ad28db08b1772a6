package dev.weft.providers.local;

import dev.weft.providers.ContentModerator;
import dev.weft.providers.ProviderException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Offline moderation by lexicons, phrase rules and text-shape heuristics: no model, fully
 * explainable ({@code matches} names every term, rule and heuristic that fired).
 *
 * <p>A category's score combines its hits as a noisy-OR, {@code 1 - Π(1 - weight)}: it rises with
 * the number and weight of matches and stays in [0, 1]. A category is flagged when its score
 * reaches its threshold. Given an image, a skin-tone pixel ratio is added as a low-confidence
 * heuristic score ({@link SkinToneHeuristic}); it has no threshold and flags nothing.
 *
 * <p>Word lists load once in the constructor; afterwards the instance is thread-safe.
 */
public final class LocalModerator implements ContentModerator {

    public static final String PROVIDER = "local-rules";
    public static final List<String> CATEGORIES =
            List.of("sexual", "hate", "harassment", "violence", "self_harm", "illicit", "spam");

    /** Self-harm is flagged earlier because a miss costs more than a false alarm; spam later. */
    public static final Map<String, Double> DEFAULT_THRESHOLDS = Map.of(
            "sexual", 0.5, "hate", 0.5, "harassment", 0.5, "violence", 0.5,
            "self_harm", 0.4, "illicit", 0.5, "spam", 0.6);

    private final Map<String, Double> thresholds;
    private final ModerationLexicon lexicon = new ModerationLexicon(CATEGORIES);
    private final ModerationRules rules = new ModerationRules();
    private final ObfuscationNormalizer normalizer;

    public LocalModerator() {
        this(Map.of());
    }

    /** @param thresholdOverrides per-category thresholds replacing {@link #DEFAULT_THRESHOLDS} */
    public LocalModerator(Map<String, Double> thresholdOverrides) {
        Map<String, Double> merged = new HashMap<>(DEFAULT_THRESHOLDS);
        thresholdOverrides.forEach((category, threshold) -> {
            if (!CATEGORIES.contains(category) || threshold < 0 || threshold > 1) {
                throw new IllegalArgumentException("Bad moderation threshold " + category + "=" + threshold);
            }
            merged.put(category, threshold);
        });
        this.thresholds = Map.copyOf(merged);
        Set<String> vocabulary = new HashSet<>(lexicon.vocabulary());
        vocabulary.addAll(rules.vocabulary());
        this.normalizer = new ObfuscationNormalizer(vocabulary);
    }

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public ModerationResult moderate(String text, byte[] image) {
        boolean hasText = text != null && !text.isBlank();
        boolean hasImage = image != null && image.length > 0;
        if (!hasText && !hasImage) {
            throw new ProviderException(false, "EMPTY_CONTENT", "Nothing to moderate: no text and no image");
        }
        List<ModerationHit> hits = new ArrayList<>();
        if (hasText) {
            List<String> tokens = normalizer.tokens(text);
            hits.addAll(lexicon.match(tokens));
            hits.addAll(rules.match(tokens));
            hits.addAll(SpamHeuristics.check(text));
        }

        Map<String, Double> scores = new LinkedHashMap<>();
        List<String> flagged = new ArrayList<>();
        for (String category : CATEGORIES) {
            double score = noisyOr(hits, category);
            scores.put(category, score);
            if (score >= thresholds.get(category)) {
                flagged.add(category);
            }
        }
        Set<String> matches = new LinkedHashSet<>();
        for (ModerationHit hit : hits) {
            matches.add(hit.category() + ":" + hit.label());
        }
        if (hasImage) {
            double skin = SkinToneHeuristic.score(PixelSample.of(ImageDecoding.decode(image).image()));
            scores.put(SkinToneHeuristic.CATEGORY, skin);
            matches.add("heuristic:" + SkinToneHeuristic.CATEGORY + "=" + skin + " (low confidence, never flags)");
        }
        return new ModerationResult(!flagged.isEmpty(), Collections.unmodifiableMap(scores), List.copyOf(flagged),
                List.copyOf(matches), PROVIDER);
    }

    private static double noisyOr(List<ModerationHit> hits, String category) {
        double none = 1.0;
        for (ModerationHit hit : hits) {
            if (hit.category().equals(category)) {
                none *= 1.0 - Math.clamp(hit.weight(), 0.0, 1.0);
            }
        }
        return Math.round((1.0 - none) * 1000) / 1000.0;
    }
}
