package dev.weft.providers;

import java.util.List;

/** Language, keywords, sentiment and an extractive summary of a text ({@code enrich_text}). */
public interface TextAnalyzer {

    TextAnalysis analyze(String text, int maxKeywords, int summarySentences);

    record Keyword(String term, double score) {}

    /** score in [-1, 1]; label is {@code positive}, {@code negative} or {@code neutral}. */
    record Sentiment(String label, double score) {}

    /** language is an ISO 639-1 code, or {@code und} when it cannot be told. */
    record TextAnalysis(String language, double languageConfidence, List<Keyword> keywords,
                        Sentiment sentiment, String summary, int wordCount, int sentenceCount) {}
}
