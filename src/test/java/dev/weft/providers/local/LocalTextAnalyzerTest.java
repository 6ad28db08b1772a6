package dev.weft.providers.local;

import dev.weft.providers.ProviderException;
import dev.weft.providers.TextAnalyzer.Keyword;
import dev.weft.providers.TextAnalyzer.TextAnalysis;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalTextAnalyzerTest {

    private final LocalTextAnalyzer analyzer = new LocalTextAnalyzer();

    private static final String ARTICLE = """
            Solar panels convert sunlight into electricity. Modern solar panels are cheaper than \
            ever before. Many households now install solar panels on the roof to cut their electricity \
            bills. The weather was mild yesterday. Batteries store the solar electricity for the night.""";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "en|The weather is nice today and we are going to the park with the children.",
            "de|Das Wetter ist heute schön und wir gehen mit den Kindern in den Park.",
            "fr|Le temps est beau aujourd'hui et nous allons au parc avec les enfants.",
            "es|El tiempo es bueno hoy y vamos al parque con los niños de la escuela.",
            "it|Il tempo è bello oggi e andiamo al parco con i bambini della scuola.",
            "pt|O tempo está bom hoje e nós vamos ao parque com as crianças da escola.",
            "nl|Het weer is vandaag mooi en wij gaan met de kinderen naar het park."})
    void detectsTheLanguageFromItsFunctionWords(String expected, String text) {
        TextAnalysis analysis = analyzer.analyze(text, 5, 1);

        assertThat(analysis.language()).isEqualTo(expected);
        assertThat(analysis.languageConfidence()).isBetween(0.2, 1.0);
    }

    @Test
    void reportsUndeterminedLanguageWhenNoFunctionWordIsPresent() {
        TextAnalysis analysis = analyzer.analyze("Xylophone zebra quokka!", 3, 1);

        assertThat(analysis.language()).isEqualTo("und");
        assertThat(analysis.languageConfidence()).isZero();
    }

    @Test
    void ranksTheMostFrequentContentWordsAsKeywordsWithoutStopwords() {
        TextAnalysis analysis = analyzer.analyze(ARTICLE, 3, 2);

        assertThat(analysis.keywords()).extracting(Keyword::term)
                .containsExactly("solar", "panels", "electricity");
        assertThat(analysis.keywords().getFirst().score()).isEqualTo(1.0);
        assertThat(analysis.keywords()).extracting(Keyword::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    }

    @Test
    void foldsAPluralIntoItsSingularWhenBothOccur() {
        TextAnalysis analysis = analyzer.analyze("One robot builds robots. Robots help the robot.", 5, 1);

        assertThat(analysis.keywords()).first().isEqualTo(new Keyword("robot", 1.0));
        assertThat(analysis.keywords()).extracting(Keyword::term).doesNotContain("robots");
    }

    @Test
    void dropsShortTokensNumbersAndPunctuationFromKeywords() {
        TextAnalysis analysis = analyzer.analyze("Go to 2024!!! AI, AI, AI... rocket rocket.", 10, 1);

        assertThat(analysis.keywords()).extracting(Keyword::term).containsExactly("rocket");
    }

    @Test
    void summarisesWithTheMostKeywordDenseSentencesInOriginalOrder() {
        TextAnalysis analysis = analyzer.analyze(ARTICLE, 5, 2);

        assertThat(analysis.summary()).doesNotContain("weather");
        assertThat(analysis.summary()).startsWith("Solar panels convert sunlight into electricity.");
        assertThat(analysis.summary().indexOf("Solar panels convert"))
                .isLessThan(analysis.summary().lastIndexOf("solar"));
    }

    @Test
    void countsWordsAndSentences() {
        TextAnalysis analysis = analyzer.analyze("One two three. Four five! Six?", 3, 1);

        assertThat(analysis.wordCount()).isEqualTo(6);
        assertThat(analysis.sentenceCount()).isEqualTo(3);
    }

    @Test
    void scoresPositiveTextPositive() {
        var sentiment = analyzer.analyze("I love this product, it is excellent and works great.", 3, 1).sentiment();

        assertThat(sentiment.label()).isEqualTo("positive");
        assertThat(sentiment.score()).isBetween(0.1, 1.0);
    }

    @Test
    void scoresNegativeTextNegative() {
        var sentiment = analyzer.analyze("Terrible service, the app is slow and broken.", 3, 1).sentiment();

        assertThat(sentiment.label()).isEqualTo("negative");
        assertThat(sentiment.score()).isBetween(-1.0, -0.1);
    }

    @Test
    void negationFlipsAPositiveWord() {
        var sentiment = analyzer.analyze("The food was not good.", 3, 1).sentiment();

        assertThat(sentiment.label()).isEqualTo("negative");
    }

    @Test
    void keepsSentimentWithinBoundsForVeryEmotionalText() {
        var sentiment = analyzer.analyze("great ".repeat(500), 3, 1).sentiment();

        assertThat(sentiment.score()).isBetween(0.9, 1.0);
    }

    @Test
    void scoresTextWithoutLexiconWordsNeutral() {
        var sentiment = analyzer.analyze("The train leaves at nine from platform four.", 3, 1).sentiment();

        assertThat(sentiment.label()).isEqualTo("neutral");
        assertThat(sentiment.score()).isZero();
    }

    @Test
    void returnsNoKeywordsAndNoSummaryWhenNoneAreAskedFor() {
        TextAnalysis analysis = analyzer.analyze(ARTICLE, 0, 0);

        assertThat(analysis.keywords()).isEmpty();
        assertThat(analysis.summary()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\n\t"})
    void rejectsBlankTextAsPermanentFailure(String text) {
        assertThatThrownBy(() -> analyzer.analyze(text, 5, 1))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.code()).isEqualTo("EMPTY_TEXT");
                });
    }

    @Test
    void rejectsNullTextAsPermanentFailure() {
        assertThatThrownBy(() -> analyzer.analyze(null, 5, 1))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.code()).isEqualTo("EMPTY_TEXT"));
    }
}
