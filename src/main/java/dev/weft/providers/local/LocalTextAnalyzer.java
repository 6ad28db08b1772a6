package dev.weft.providers.local;

import dev.weft.providers.ProviderException;
import dev.weft.providers.TextAnalyzer;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Offline text enrichment from word lists and counting, no model: language by stopword overlap
 * (en, de, fr, es, it, pt, nl), keywords by term frequency, English lexicon sentiment with simple
 * negation, and an extractive summary of the most keyword-dense sentences.
 *
 * <p>Word lists load once in the constructor; afterwards the instance is immutable and thread-safe.
 */
public final class LocalTextAnalyzer implements TextAnalyzer {

    /** Above this the analysis would hold a step for long; callers should chunk instead. */
    static final int MAX_CHARS = 2_000_000;

    private final LanguageDetector languages = new LanguageDetector();
    private final SentimentScorer sentiment = new SentimentScorer();

    public LocalTextAnalyzer() {
    }

    @Override
    public TextAnalysis analyze(String text, int maxKeywords, int summarySentences) {
        if (text == null || text.isBlank()) {
            throw new ProviderException(false, "EMPTY_TEXT", "Cannot analyse empty text");
        }
        if (text.length() > MAX_CHARS) {
            throw new ProviderException(false, "TEXT_TOO_LARGE",
                    "Text of " + text.length() + " characters exceeds the local limit of " + MAX_CHARS);
        }
        List<String> words = TextTokens.words(text);
        List<TextTokens.Sentence> sentences = TextTokens.sentences(text);
        LanguageDetector.Detection language = languages.detect(words);
        Set<String> stopwords = stopwordsFor(language.language());

        KeywordExtractor.Terms terms = KeywordExtractor.extract(words, stopwords);
        List<Keyword> keywords = terms.ranked().subList(0, Math.clamp(maxKeywords, 0, terms.ranked().size()));
        String summary = ExtractiveSummarizer.summarize(sentences, terms, stopwords, summarySentences);

        return new TextAnalysis(language.language(), language.confidence(), List.copyOf(keywords),
                sentiment.score(sentences), summary, words.size(), sentences.size());
    }

    /** English function words are dropped everywhere: they turn up in most texts (names, quotes, code). */
    private Set<String> stopwordsFor(String language) {
        Set<String> set = new HashSet<>(languages.stopwords("en"));
        set.addAll(languages.stopwords(language));
        return set;
    }
}
