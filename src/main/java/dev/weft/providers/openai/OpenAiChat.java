package dev.weft.providers.openai;

import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartImage;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.weft.providers.ProviderErrors;
import dev.weft.providers.TextGenerator;
import dev.weft.providers.VisionModel;
import dev.weft.providers.VisionPrompt;
import java.util.Base64;
import java.util.List;

/** Chat completions ({@code POST /chat/completions}) for text generation and, with an image part, vision. */
final class OpenAiChat implements TextGenerator, VisionModel {

    private final String provider;
    private final OpenAIClient client;
    private final OpenAiModels models;

    OpenAiChat(String provider, OpenAIClient client, OpenAiModels models) {
        this.provider = provider;
        this.client = client;
        this.models = models;
    }

    @Override
    public String provider() {
        return provider;
    }

    @Override
    public GeneratedText generate(Request request) {
        String model = request.model() == null || request.model().isBlank() ? models.text() : request.model();
        ChatCompletionCreateParams.Builder params = ChatCompletionCreateParams.builder().model(model);
        if (request.system() != null && !request.system().isBlank()) {
            params.addSystemMessage(request.system());
        }
        params.addUserMessage(request.prompt());
        if (request.maxTokens() != null) {
            params.maxCompletionTokens(request.maxTokens().longValue());
        }
        if (request.temperature() != null) {
            params.temperature(request.temperature());
        }
        ChatCompletion completion = OpenAiErrors.call(provider, () -> client.chat().completions().create(params.build()));
        String text = answer(completion);
        return new GeneratedText(text, provider, completion.model(), false, promptTokens(completion),
                completionTokens(completion));
    }

    @Override
    public ImageDescription describe(byte[] image, String contentType, String model) {
        String chosen = model == null || model.isBlank() ? models.vision() : model;
        String dataUrl = "data:" + contentType + ";base64," + Base64.getEncoder().encodeToString(image);
        List<ChatCompletionContentPart> parts = List.of(
                ChatCompletionContentPart.ofText(ChatCompletionContentPartText.builder().text(VisionPrompt.INSTRUCTION).build()),
                ChatCompletionContentPart.ofImageUrl(ChatCompletionContentPartImage.builder()
                        .imageUrl(ChatCompletionContentPartImage.ImageUrl.builder().url(dataUrl).build()).build()));
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model(chosen)
                .addUserMessageOfArrayOfContentParts(parts).maxCompletionTokens(400L).build();
        ChatCompletion completion = OpenAiErrors.call(provider, () -> client.chat().completions().create(params));
        return VisionPrompt.parse(answer(completion), provider, completion.model(), promptTokens(completion),
                completionTokens(completion));
    }

    private String answer(ChatCompletion completion) {
        if (completion.choices().isEmpty()) {
            throw ProviderErrors.invalidResponse(provider, "no choices in the completion");
        }
        ChatCompletion.Choice choice = completion.choices().getFirst();
        if (choice.finishReason().equals(ChatCompletion.Choice.FinishReason.CONTENT_FILTER)) {
            throw ProviderErrors.refused(provider, "the completion was stopped by the content filter");
        }
        var refusal = choice.message().refusal();
        if (refusal.isPresent() && !refusal.get().isBlank() && choice.message().content().isEmpty()) {
            throw ProviderErrors.refused(provider, "the model refused: " + refusal.get());
        }
        return choice.message().content().orElse("");
    }

    private static int promptTokens(ChatCompletion c) {
        return c.usage().map(u -> (int) u.promptTokens()).orElse(0);
    }

    private static int completionTokens(ChatCompletion c) {
        return c.usage().map(u -> (int) u.completionTokens()).orElse(0);
    }
}
