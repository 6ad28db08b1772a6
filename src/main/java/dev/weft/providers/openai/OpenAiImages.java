package dev.weft.providers.openai;

import com.openai.client.OpenAIClient;
import com.openai.models.images.Image;
import com.openai.models.images.ImageGenerateParams;
import com.openai.models.images.ImagesResponse;
import dev.weft.providers.ImageGenerator;
import dev.weft.providers.ProviderErrors;
import java.util.Base64;
import java.util.List;

/** Image generation ({@code POST /images/generations}), answered as base64 ({@code b64_json}). */
final class OpenAiImages implements ImageGenerator {

    private final String provider;
    private final OpenAIClient client;
    private final String defaultModel;

    OpenAiImages(String provider, OpenAIClient client, String defaultModel) {
        this.provider = provider;
        this.client = client;
        this.defaultModel = defaultModel;
    }

    @Override
    public String provider() {
        return provider;
    }

    @Override
    public GeneratedImage generate(Request request) {
        String model = request.model() == null || request.model().isBlank() ? defaultModel : request.model();
        ImageGenerateParams.Builder params = ImageGenerateParams.builder().prompt(request.prompt()).model(model).n(1L)
                .size(request.width() + "x" + request.height());
        // gpt-image-* always answer b64_json and reject response_format; DALL·E answers URLs unless asked.
        if (model.startsWith("dall-e")) {
            params.responseFormat(ImageGenerateParams.ResponseFormat.B64_JSON);
        }
        ImagesResponse response = OpenAiErrors.call(provider, () -> client.images().generate(params.build()));
        List<Image> data = response.data().orElse(List.of());
        String b64 = data.isEmpty() ? null : data.getFirst().b64Json().orElse(null);
        if (b64 == null) {
            throw ProviderErrors.invalidResponse(provider, "no b64_json image in the answer");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw ProviderErrors.invalidResponse(provider, "b64_json is not base64");
        }
        return new GeneratedImage(bytes, contentType(bytes), request.width(), request.height(), provider, model, false);
    }

    private static String contentType(byte[] b) {
        if (b.length > 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8) {
            return "image/jpeg";
        }
        if (b.length > 12 && b[0] == 'R' && b[1] == 'I' && b[8] == 'W' && b[9] == 'E') {
            return "image/webp";
        }
        return "image/png";
    }
}
