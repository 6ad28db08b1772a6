package dev.weft.providers.openai;

/**
 * Default models, used when a step names none; each can be changed under {@code weft.providers.openai.*}.
 */
record OpenAiModels(String text, String image, String embedding, String moderation, String vision) {

    static final OpenAiModels DEFAULTS = new OpenAiModels("gpt-4o-mini", "gpt-image-1", "text-embedding-3-small",
            "omni-moderation-latest", "gpt-4o-mini");

    OpenAiModels orDefaults() {
        return new OpenAiModels(or(text, DEFAULTS.text), or(image, DEFAULTS.image), or(embedding, DEFAULTS.embedding),
                or(moderation, DEFAULTS.moderation), or(vision, DEFAULTS.vision));
    }

    private static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
