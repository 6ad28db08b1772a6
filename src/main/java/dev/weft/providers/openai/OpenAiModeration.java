package dev.weft.providers.openai;

import com.openai.client.OpenAIClient;
import com.openai.core.ObjectMappers;
import dev.weft.common.Json;
import com.openai.models.moderations.Moderation;
import com.openai.models.moderations.ModerationCreateParams;
import com.openai.models.moderations.ModerationCreateResponse;
import com.openai.models.moderations.ModerationImageUrlInput;
import com.openai.models.moderations.ModerationMultiModalInput;
import com.openai.models.moderations.ModerationTextInput;
import dev.weft.providers.ContentModerator;
import dev.weft.providers.ProviderErrors;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Moderations ({@code POST /moderations}); text, an image (as a data URL) or both in one call. */
final class OpenAiModeration implements ContentModerator {

    private final String provider;
    private final OpenAIClient client;
    private final String model;

    OpenAiModeration(String provider, OpenAIClient client, String model) {
        this.provider = provider;
        this.client = client;
        this.model = model;
    }

    @Override
    public String provider() {
        return provider;
    }

    @Override
    public ModerationResult moderate(String text, byte[] image) {
        ModerationCreateParams.Builder params = ModerationCreateParams.builder().model(model);
        if (image == null) {
            params.input(text);
        } else {
            List<ModerationMultiModalInput> parts = new ArrayList<>();
            if (text != null && !text.isBlank()) {
                parts.add(ModerationMultiModalInput.ofText(ModerationTextInput.builder().text(text).build()));
            }
            String url = "data:image/png;base64," + Base64.getEncoder().encodeToString(image);
            parts.add(ModerationMultiModalInput.ofImageUrl(ModerationImageUrlInput.builder()
                    .imageUrl(ModerationImageUrlInput.ImageUrl.builder().url(url).build()).build()));
            params.inputOfModerationMultiModalArray(parts);
        }
        ModerationCreateResponse response = OpenAiErrors.call(provider, () -> client.moderations().create(params.build()));
        if (response.results().isEmpty()) {
            throw ProviderErrors.invalidResponse(provider, "no moderation result");
        }
        Moderation result = response.results().getFirst();
        // The SDK types each category as a field; its own mapper writes them back under their wire names.
        Map<String, Double> scores = new TreeMap<>();
        Json.parse(wire(result.categoryScores())).properties()
                .forEach(e -> scores.put(e.getKey(), e.getValue().asDouble()));
        List<String> flagged = new ArrayList<>();
        Json.parse(wire(result.categories())).properties().forEach(e -> {
            if (e.getValue().asBoolean(false)) {
                flagged.add(e.getKey());
            }
        });
        return new ModerationResult(result.flagged(), scores, flagged, List.of(), provider);
    }

    private static String wire(Object sdkModel) {
        try {
            return ObjectMappers.jsonMapper().writeValueAsString(sdkModel);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ProviderErrors.invalidResponse("openai", "moderation result not serialisable");
        }
    }
}
