package dev.weft.providers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.providers.local.LocalModerator;
import dev.weft.providers.openai.OpenAiProvider;
import dev.weft.providers.wire.Wire;
import dev.weft.providers.wire.WireServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ContentModerator} gives a {@code moderate} step, the local rules and each remote
 * one (against a local server in its wire format): a threat flagged as violence with a score in
 * [0, 1] over the others, clean text unflagged, and the moderator's name.
 */
class ContentModeratorContractTest {

    abstract static class Contract {

        final WireServer server = new WireServer();

        @AfterEach
        void close() {
            server.close();
        }

        abstract ContentModerator moderator();

        /** Makes a remote moderator's server answer as its model would for violent or clean text. */
        abstract void willJudge(boolean violent);

        @Test
        void flagsAThreatAsViolence() {
            willJudge(true);

            ContentModerator.ModerationResult r = moderator().moderate("I will kill you tomorrow.", null);

            assertThat(r.flagged()).isTrue();
            assertThat(r.flaggedCategories()).contains("violence");
            assertThat(r.categoryScores()).containsKey("violence");
            assertThat(r.categoryScores().values()).allSatisfy(s -> assertThat(s).isBetween(0.0, 1.0));
            assertThat(r.categoryScores().get("violence")).isGreaterThan(0.5);
            assertThat(r.provider()).isEqualTo(moderator().provider());
        }

        @Test
        void leavesCleanTextUnflagged() {
            willJudge(false);

            ContentModerator.ModerationResult r = moderator().moderate("I love hiking with my dog.", null);

            assertThat(r.flagged()).isFalse();
            assertThat(r.flaggedCategories()).isEmpty();
            assertThat(r.categoryScores().get("violence")).isLessThan(0.5);
        }
    }

    @Nested
    class LocalRules extends Contract {
        final LocalModerator moderator = new LocalModerator();

        @Override
        ContentModerator moderator() {
            return moderator;
        }

        @Override
        void willJudge(boolean violent) {
            // judges by its own rules
        }
    }

    @Nested
    class OpenAiCompatible extends Contract {
        final OpenAiProvider provider = new OpenAiProvider("openai", TextGeneratorContractTest.HTTP, Duration.ofMillis(1500),
                null, null, null, null, null, false);

        @Override
        ContentModerator moderator() {
            return provider.moderator(ProviderCredentials.fromApp(TextGeneratorContractTest.KEY, server.url() + "/v1"));
        }

        @Override
        void willJudge(boolean violent) {
            server.on("/v1/moderations", 200, Wire.openAiModeration(violent));
        }
    }
}
