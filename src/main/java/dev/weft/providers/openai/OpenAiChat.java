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
        ChatCompletion completion = OpenAiErrors.call(provider, () -> client.chat().completions().create(params(request).build()));
        return generated(completion);
    }

    /** The same call with {@code stream: true}: each chunk's text is handed on as it arrives. */
    @Override
    public GeneratedText stream(Request request, java.util.function.Consumer<String> deltas) {
        ChatCompletionCreateParams params = params(request)
                .streamOptions(com.openai.models.chat.completions.ChatCompletionStreamOptions.builder().includeUsage(true).build())
                .build();
        ChatCompletion completion = OpenAiErrors.call(provider, () -> {
            var accumulator = com.openai.helpers.ChatCompletionAccumulator.create();
            try (var chunks = client.chat().completions().createStreaming(params)) {
                chunks.stream().forEach(chunk -> {
                    accumulator.accumulate(chunk);
                    chunk.choices().forEach(c -> c.delta().content().filter(t -> !t.isEmpty()).ifPresent(deltas));
                });
            }
            return accumulator.chatCompletion();
        });
        return generated(completion);
    }

    private ChatCompletionCreateParams.Builder params(Request request) {
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
        return params;
    }

    private GeneratedText generated(ChatCompletion completion) {
        return new GeneratedText(answer(completion), provider, completion.model(), false, promptTokens(completion),
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
