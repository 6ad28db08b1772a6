package dev.weft.providers;

/** Generates text from a prompt ({@code text_generate}). */
public interface TextGenerator {

    String provider();

    GeneratedText generate(Request request);

    /**
     * Generates as {@link #generate} does, handing each piece of text to {@code deltas} as the
     * provider streams it. A provider that cannot stream answers at once and hands its whole
     * text over as one piece.
     */
    default GeneratedText stream(Request request, java.util.function.Consumer<String> deltas) {
        GeneratedText text = generate(request);
        deltas.accept(text.text());
        return text;
    }

    /** @param model null for the provider default; maxTokens and temperature may be null. */
    record Request(String prompt, String system, String model, Integer maxTokens, Double temperature) {}

    /** {@code placeholder} is true when the text was not produced by a language model. */
    record GeneratedText(String text, String provider, String model, boolean placeholder,
                         int inputTokens, int outputTokens) {}
}
