package dev.weft.providers;

import java.util.List;
import java.util.Map;

/** Classifies content into safety categories ({@code moderate_content}). */
public interface ContentModerator {

    String provider();

    /** text may be null when only an image is given, and image may be null. */
    ModerationResult moderate(String text, byte[] image);

    /**
     * categoryScores: every category the moderator knows with a score in [0, 1]; flaggedCategories:
     * those over their threshold; matches: the terms or rules that fired, for debugging.
     */
    record ModerationResult(boolean flagged, Map<String, Double> categoryScores,
                            List<String> flaggedCategories, List<String> matches, String provider) {}
}
