package dev.weft.providers.local;

import dev.weft.providers.ProviderException;
import dev.weft.providers.TextGenerator.GeneratedText;
import dev.weft.providers.TextGenerator.Request;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlaceholderTextGeneratorTest {

    private final PlaceholderTextGenerator generator = new PlaceholderTextGenerator();

    private static Request prompt(String prompt, Integer maxTokens) {
        return new Request(prompt, null, null, maxTokens, 0.7);
    }

    @Test
    void labelsItsOutputAsAPlaceholder() {
        GeneratedText out = generator.generate(prompt("Write a poem about lighthouses", null));

        assertThat(out.text()).startsWith("[placeholder text \u2014 no language model configured] ");
        assertThat(out.placeholder()).isTrue();
        assertThat(out.provider()).isEqualTo("local-placeholder");
        assertThat(out.model()).isEqualTo("placeholder-text-v1");
    }

    @Test
    void returnsTheSameTextForTheSamePrompt() {
        var request = prompt("Summarise the quarterly report on renewable energy", 60);

        assertThat(generator.generate(request)).isEqualTo(generator.generate(request));
        assertThat(new PlaceholderTextGenerator().generate(request).text()).isEqualTo(generator.generate(request).text());
    }

    @Test
    void weavesThePromptsKeywordsIntoTheBody() {
        GeneratedText out = generator.generate(prompt("Describe lighthouses and seagulls", 200));

        assertThat(out.text()).contains("lighthouses").contains("seagulls");
    }

    @Test
    void differentPromptsGiveDifferentText() {
        assertThat(generator.generate(prompt("tell me about volcanoes", 50)).text())
                .isNotEqualTo(generator.generate(prompt("tell me about glaciers", 50)).text());
    }

    @Test
    void honoursMaxTokensRoughlyAsWords() {
        GeneratedText out = generator.generate(prompt("Explain photosynthesis to children", 13));
        String body = out.text().substring(PlaceholderTextGenerator.LABEL.length()).strip();

        assertThat(body.split("\\s+")).hasSize(10);
        assertThat(out.outputTokens()).isEqualTo((int) Math.ceil(out.text().split("\\s+").length * 1.3));
    }

    @Test
    void estimatesInputTokensFromPromptAndSystemWords() {
        GeneratedText out = generator.generate(new Request("one two three four", "be brief", null, 20, null));

        assertThat(out.inputTokens()).isEqualTo((int) Math.ceil(4 * 1.3) + (int) Math.ceil(2 * 1.3));
    }

    @Test
    void fallsBackToAGenericTopicWhenThePromptHasNoContentWords() {
        assertThat(generator.generate(prompt("do it", 30)).text()).contains("the prompt");
    }

    @Test
    void rejectsAnEmptyPromptPermanently() {
        assertThatThrownBy(() -> generator.generate(prompt(" ", null)))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.code()).isEqualTo("EMPTY_PROMPT");
                });
    }
}
