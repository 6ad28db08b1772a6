package dev.weft.providers;

import dev.weft.common.Json;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The one instruction every vision model gets, and the parsing of its JSON answer. */
public final class VisionPrompt {

    public static final String INSTRUCTION = """
            Describe this image for a search index. Answer with JSON only, no prose, in the form
            {"caption": "<one sentence>", "tags": ["<lower-case word>", ...]} with at most 10 tags.""";

    private VisionPrompt() {}

    /** Tolerates a fenced code block around the JSON; an answer with no JSON becomes the caption. */
    public static VisionModel.ImageDescription parse(String answer, String provider, String model, int in, int out) {
        String text = answer == null ? "" : answer.strip();
        int start = text.indexOf('{');
        int end = text.lastIndexOf('}');
        List<String> tags = new ArrayList<>();
        String caption = text;
        if (start >= 0 && end > start) {
            try {
                JsonNode node = Json.parse(text.substring(start, end + 1));
                caption = node.path("caption").asString(text);
                node.path("tags").forEach(t -> {
                    if (t.isString() && !t.asString().isBlank() && tags.size() < 10) {
                        tags.add(t.asString().strip().toLowerCase(java.util.Locale.ROOT));
                    }
                });
            } catch (RuntimeException notJson) {
                caption = text;
            }
        }
        return new VisionModel.ImageDescription(caption, List.copyOf(tags), provider, model, in, out);
    }
}
