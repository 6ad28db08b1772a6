package dev.weft.providers.local;

import dev.weft.providers.ContentModerator.ModerationResult;
import dev.weft.providers.ProviderException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.awt.Color;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalModeratorTest {

    private final LocalModerator moderator = new LocalModerator();

    @Test
    void leavesCleanTextUnflaggedWithLowScoresInEveryCategory() {
        ModerationResult r = moderator.moderate("I love hiking with my dog in the mountains on sunny days.", null);

        assertThat(r.flagged()).isFalse();
        assertThat(r.flaggedCategories()).isEmpty();
        assertThat(r.categoryScores()).containsOnlyKeys(LocalModerator.CATEGORIES);
        assertThat(r.categoryScores().values()).allSatisfy(s -> assertThat(s).isLessThan(0.2));
        assertThat(r.provider()).isEqualTo("local-rules");
    }

    @Test
    void flagsADirectThreatAsViolenceAndHarassment() {
        ModerationResult r = moderator.moderate("I will kill you tomorrow.", null);

        assertThat(r.flagged()).isTrue();
        assertThat(r.flaggedCategories()).contains("violence", "harassment");
        assertThat(r.categoryScores().get("violence")).isGreaterThan(0.8);
        assertThat(r.matches()).contains("violence:rule:threat_kill_you");
    }

    @ParameterizedTest
    @ValueSource(strings = {"i will k1ll you", "I WILL KILL YOU", "i'll kiiiill you", "i will ki11 you", "i will k!ll you"})
    void seesThroughObfuscatedThreats(String text) {
        ModerationResult r = moderator.moderate(text, null);

        assertThat(r.flaggedCategories()).contains("violence");
        assertThat(r.matches()).contains("violence:kill*");
    }

    @Test
    void matchesWholeWordsOnly() {
        ModerationResult r = moderator.moderate("She has great skill and a classic assessment.", null);

        assertThat(r.matches()).isEmpty();
        assertThat(r.flagged()).isFalse();
    }

    @Test
    void flagsSelfHarmIntent() {
        ModerationResult r = moderator.moderate("Some days I want to kill myself.", null);

        assertThat(r.flaggedCategories()).contains("self_harm");
    }

    @Test
    void raisesAScoreWithMoreMatchesButKeepsItWithinBounds() {
        double one = moderator.moderate("you idiot", null).categoryScores().get("harassment");
        double two = moderator.moderate("you idiot, you moron", null).categoryScores().get("harassment");
        double many = moderator.moderate("idiot moron loser jerk freak dumbass imbecile ".repeat(50), null)
                .categoryScores().get("harassment");

        assertThat(two).isGreaterThan(one);
        assertThat(many).isGreaterThan(two).isLessThanOrEqualTo(1.0);
    }

    @Test
    void flagsSpamByLinksCapitalsAndRepetition() {
        String spam = "CLICK HERE TO CLAIM YOUR PRIZE NOW!!!!!!!! http://a.example http://b.example "
                + "http://c.example http://d.example";

        ModerationResult r = moderator.moderate(spam, null);

        assertThat(r.flaggedCategories()).containsExactly("spam");
        assertThat(r.matches()).anyMatch(m -> m.startsWith("spam:heuristic:urls="))
                .anyMatch(m -> m.startsWith("spam:heuristic:all_caps="))
                .anyMatch(m -> m.startsWith("spam:heuristic:repeated_chars="));
    }

    @Test
    void honoursThresholdOverrides() {
        var strict = new LocalModerator(Map.of("harassment", 0.3));

        assertThat(moderator.moderate("you idiot", null).flagged()).isFalse();
        assertThat(strict.moderate("you idiot", null).flaggedCategories()).containsExactly("harassment");
    }

    @Test
    void reportsTheSkinRatioOfAnImageAsALowConfidenceScoreThatNeverFlags() {
        byte[] skinColoured = TestImages.png(TestImages.solid(50, 50, new Color(224, 172, 138)));
        byte[] blue = TestImages.png(TestImages.solid(50, 50, Color.BLUE));

        ModerationResult skin = moderator.moderate(null, skinColoured);
        ModerationResult notSkin = moderator.moderate(null, blue);

        assertThat(skin.categoryScores()).containsEntry("sexual_image_skin_ratio", 0.5);
        assertThat(skin.flagged()).isFalse();
        assertThat(notSkin.categoryScores()).containsEntry("sexual_image_skin_ratio", 0.0);
    }

    @Test
    void rejectsAnInvalidImagePermanently() {
        assertThatThrownBy(() -> moderator.moderate("hello", new byte[] {1, 2, 3}))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.code()).isEqualTo("INVALID_IMAGE"));
    }

    @Test
    void rejectsEmptyContentPermanently() {
        assertThatThrownBy(() -> moderator.moderate("  ", null))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.code()).isEqualTo("EMPTY_CONTENT");
                });
    }

    @Test
    void rejectsThresholdsForUnknownCategories() {
        assertThatThrownBy(() -> new LocalModerator(Map.of("nonsense", 0.5)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
