package dev.weft.steps.ai;

import static dev.weft.steps.ai.ImageStepsTest.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.outbound.OutboundPolicy;
import dev.weft.providers.local.LocalEmbedder;
import dev.weft.providers.local.LocalModerator;
import dev.weft.providers.local.LocalTextAnalyzer;
import dev.weft.providers.local.PlaceholderTextGenerator;
import dev.weft.steps.StepResult;
import dev.weft.steps.StepResult.PermanentFailure;
import dev.weft.steps.StepResult.RetryableFailure;
import dev.weft.providers.ProviderException;
import dev.weft.providers.TextGenerator;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TextStepsTest {

    static final LocalEmbedder embedder = new LocalEmbedder();
    final EnrichTextStep enrich = new EnrichTextStep(new LocalTextAnalyzer(), embedder);
    final TextGenerateStep generate = new TextGenerateStep(List.of(new PlaceholderTextGenerator()));
    static final ModerateContentStep moderate = new ModerateContentStep(
            new ImageSources(new InMemoryArtifactStore(), TestHttpServer.client(OutboundPolicy.strict()), 1000),
            List.of(new LocalModerator()));

    @Test
    void enrichTextGivesKeywordsSentimentAndA384DimensionalEmbedding() {
        JsonNode out = succeeded(enrich.execute(Contexts.of("{\"text\": \"The new espresso machine is wonderful. "
                + "It makes excellent espresso every morning. Our whole office loves the espresso.\", "
                + "\"maxKeywords\": 3}")));

        assertThat(out.get("language").asString()).isEqualTo("en");
        assertThat(out.get("keywords")).hasSizeLessThanOrEqualTo(3);
        assertThat(out.get("keywords").get(0).get("term").asString()).contains("espresso");
        assertThat(out.get("sentiment").get("label").asString()).isEqualTo("positive");
        assertThat(out.get("sentenceCount").asInt()).isEqualTo(3);
        JsonNode embedding = out.get("embedding");
        assertThat(embedding.get("dimensions").asInt()).isEqualTo(384);
        assertThat(embedding.get("vector")).hasSize(384);
        assertThat(embedding.get("model").asString()).isEqualTo(LocalEmbedder.MODEL);
    }

    @Test
    void enrichTextSkipsTheEmbeddingWhenAskedTo() {
        JsonNode out = succeeded(enrich.execute(Contexts.of("{\"text\": \"Short text here.\", \"embed\": false}")));

        assertThat(out.has("embedding")).isFalse();
        assertThat(out.get("wordCount").asInt()).isEqualTo(3);
    }

    @Test
    void textGenerateLabelsPlaceholderTextAndReportsUsage() {
        JsonNode out = succeeded(generate.execute(Contexts.of("{\"prompt\": \"Write a haiku about rivers\"}")));

        assertThat(out.get("text").asString()).isNotBlank();
        assertThat(out.get("placeholder").asBoolean()).isTrue();
        assertThat(out.get("notice").asString()).isEqualTo("placeholder text: no language model configured");
        assertThat(out.get("usage").get("inputTokens").asInt()).isPositive();
    }

    @Test
    void anUnconfiguredProviderFailsPermanentlyListingTheConfiguredOnes() {
        StepResult result = generate.execute(Contexts.of("app-a", "draft", "{\"prompt\": \"hi\", \"provider\": \"nope\"}"));

        assertThat(result).isInstanceOfSatisfying(PermanentFailure.class, f -> {
            assertThat(f.code()).isEqualTo("UNKNOWN_PROVIDER");
            assertThat(f.message()).contains("step 'draft'", "nope", PlaceholderTextGenerator.PROVIDER);
        });
    }

    @Test
    void aRetryableProviderFailureStaysRetryableWithItsCodeAndNamesTheStep() {
        TextGenerator overloaded = new TextGenerator() {
            @Override
            public String provider() {
                return "busy";
            }

            @Override
            public GeneratedText generate(Request request) {
                throw new ProviderException(true, "PROVIDER_OVERLOADED", "the model is overloaded");
            }
        };

        StepResult result = new TextGenerateStep(List.of(overloaded))
                .execute(Contexts.of("app-a", "draft", "{\"prompt\": \"hi\"}"));

        assertThat(result).isInstanceOfSatisfying(RetryableFailure.class, f -> {
            assertThat(f.code()).isEqualTo("PROVIDER_OVERLOADED");
            assertThat(f.message()).isEqualTo("step 'draft': the model is overloaded");
        });
    }

    @Test
    void moderationFlagsAThreat() {
        JsonNode out = succeeded(moderate.execute(Contexts.of("{\"text\": \"I will kill you tomorrow.\"}")));

        assertThat(out.get("flagged").asBoolean()).isTrue();
        assertThat(out.get("flaggedCategories").toString()).contains("violence");
        assertThat(out.get("provider").asString()).isEqualTo(LocalModerator.PROVIDER);
    }

    @Test
    void moderationWithNeitherTextNorImageFailsPermanently() {
        StepResult result = moderate.execute(Contexts.of("app-a", "safety", "{\"text\": \"  \"}"));

        assertThat(result).isInstanceOfSatisfying(PermanentFailure.class,
                f -> assertThat(f.message()).contains("step 'safety'"));
    }
}
