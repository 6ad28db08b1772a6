package dev.weft.providers.local;

import dev.weft.providers.ProviderException;
import dev.weft.providers.TextGenerator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * <b>A placeholder, not a language model.</b> It returns clearly labelled, deterministic filler
 * text built from the prompt's own words woven into fixed template sentences, so that workflows
 * using {@code text_generate} can be built, tested and demonstrated offline. It understands
 * nothing: the same prompt and system text always give the same output, temperature is ignored,
 * and every result is marked {@code placeholder = true}.
 *
 * <p>{@code maxTokens} is honoured roughly, as about {@code maxTokens / 1.3} words of body after
 * the label; token counts are estimated as words × 1.3. Stateless and thread-safe.
 */
public final class PlaceholderTextGenerator implements TextGenerator {

    public static final String PROVIDER = "local-placeholder";
    public static final String MODEL = "placeholder-text-v1";
    public static final String LABEL = "[placeholder text \u2014 no language model configured]";

    static final int DEFAULT_MAX_WORDS = 80;
    private static final double TOKENS_PER_WORD = 1.3;
    private static final int MAX_TOPICS = 6;

    private static final List<String> TEMPLATES = List.of(
            "This is placeholder text about %s.",
            "A configured language model would write about %s here.",
            "The prompt mentions %s, which this placeholder repeats without understanding it.",
            "No text was generated from %s; these sentences are fixed templates.",
            "Configure a text provider to get real output on %s.",
            "Until then, this paragraph stands in for a discussion of %s.",
            "Workflows can still be tested end to end with %s as the topic.");

    /** Words that ask for the text rather than say what it is about. */
    private static final Set<String> INSTRUCTION_WORDS = Set.of("write", "describe", "explain", "tell",
            "give", "make", "create", "generate", "summarise", "summarize", "list", "please", "short", "brief");

    private final Set<String> stopwords = WordLists.words("stopwords/en.txt");

    public PlaceholderTextGenerator() {
    }

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public GeneratedText generate(Request request) {
        if (request == null || request.prompt() == null || request.prompt().isBlank()) {
            throw new ProviderException(false, "EMPTY_PROMPT", "The prompt is empty");
        }
        if (request.maxTokens() != null && request.maxTokens() < 1) {
            throw new ProviderException(false, "INVALID_MAX_TOKENS", "maxTokens must be at least 1");
        }
        int maxWords = request.maxTokens() == null ? DEFAULT_MAX_WORDS
                : Math.max(1, (int) Math.round(request.maxTokens() / TOKENS_PER_WORD));
        String body = body(request.prompt(), request.system(), maxWords);
        String text = LABEL + " " + body;
        int inputTokens = estimateTokens(request.prompt()) + estimateTokens(request.system());
        return new GeneratedText(text, PROVIDER, MODEL, true, inputTokens, estimateTokens(text));
    }

    /** Streams the placeholder's text a word at a time (as a model would, only faster). */
    @Override
    public GeneratedText stream(Request request, java.util.function.Consumer<String> deltas) {
        GeneratedText text = generate(request);
        String[] words = text.text().split("(?<= )");
        for (String word : words) {
            deltas.accept(word);
        }
        return text;
    }

    /** Templates in a prompt-seeded order, each used once before any repeats; topics in turn. */
    private String body(String prompt, String system, int maxWords) {
        List<String> topics = topics(prompt);
        PromptSeed seed = new PromptSeed(prompt, system);
        List<String> templates = new ArrayList<>(TEMPLATES);
        for (int i = templates.size() - 1; i > 0; i--) {
            Collections.swap(templates, i, seed.nextInt(i + 1));
        }
        int topicOffset = seed.nextInt(topics.size());
        List<String> words = new ArrayList<>();
        for (int sentence = 0; words.size() < maxWords; sentence++) {
            String topic = topics.get((topicOffset + sentence) % topics.size());
            String template = templates.get(sentence % templates.size());
            words.addAll(List.of(template.formatted(topic).split(" ")));
        }
        String joined = String.join(" ", words.subList(0, maxWords));
        return joined.endsWith(".") ? joined : joined + "\u2026";
    }

    /** The prompt's content words, in order of appearance; "the prompt" when it has none. */
    private List<String> topics(String prompt) {
        Set<String> topics = new LinkedHashSet<>();
        for (String word : TextTokens.words(prompt)) {
            if (word.length() >= 4 && !stopwords.contains(word) && !INSTRUCTION_WORDS.contains(word)
                    && topics.size() < MAX_TOPICS) {
                topics.add(word);
            }
        }
        return topics.isEmpty() ? List.of("the prompt") : List.copyOf(topics);
    }

    static int estimateTokens(String text) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        return (int) Math.ceil(text.strip().split("\\s+").length * TOKENS_PER_WORD);
    }
}
