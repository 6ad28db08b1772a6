package dev.weft.providers.anthropic;

import com.anthropic.client.AnthropicClient;
import com.anthropic.models.messages.Base64ImageSource;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.ImageBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.TextBlockParam;
import dev.weft.providers.ProviderErrors;
import dev.weft.providers.TextGenerator;
import dev.weft.providers.VisionModel;
import dev.weft.providers.VisionPrompt;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/** {@code POST /v1/messages}: one user turn, optionally with an image block. */
final class AnthropicMessages implements TextGenerator, VisionModel {

    /** Messages requires max_tokens; this is used when the step gives none. */
    static final long DEFAULT_MAX_TOKENS = 1024;

    private final String provider;
    private final AnthropicClient client;
    private final String textModel;
    private final String visionModel;

    AnthropicMessages(String provider, AnthropicClient client, String textModel, String visionModel) {
        this.provider = provider;
        this.client = client;
        this.textModel = textModel;
        this.visionModel = visionModel;
    }

    @Override
    public String provider() {
        return provider;
    }

    @Override
    public GeneratedText generate(Request request) {
        Message message = AnthropicErrors.call(provider, () -> client.messages().create(params(request)));
        return generated(message);
    }

    /** The same call as a stream of events: each text delta is handed on as it arrives. */
    @Override
    public GeneratedText stream(Request request, java.util.function.Consumer<String> deltas) {
        MessageCreateParams params = params(request);
        Message message = AnthropicErrors.call(provider, () -> {
            var accumulator = com.anthropic.helpers.MessageAccumulator.create();
            try (var events = client.messages().createStreaming(params)) {
                events.stream().forEach(event -> {
                    accumulator.accumulate(event);
                    event.contentBlockDelta().flatMap(d -> d.delta().text()).ifPresent(t -> deltas.accept(t.text()));
                });
            }
            return accumulator.message();
        });
        return generated(message);
    }

    private MessageCreateParams params(Request request) {
        MessageCreateParams.Builder params = MessageCreateParams.builder()
                .model(request.model() == null || request.model().isBlank() ? textModel : request.model())
                .maxTokens(request.maxTokens() == null ? DEFAULT_MAX_TOKENS : request.maxTokens())
                .addUserMessage(request.prompt());
        if (request.system() != null && !request.system().isBlank()) {
            params.system(request.system());
        }
        if (request.temperature() != null) {
            // Anthropic's range is 0..1; the step allows 0..2 for OpenAI-style providers.
            params.temperature(Math.min(1.0, request.temperature()));
        }
        return params.build();
    }

    private GeneratedText generated(Message message) {
        return new GeneratedText(text(message), provider, message.model().asString(), false,
                (int) message.usage().inputTokens(), (int) message.usage().outputTokens());
    }

    @Override
    public ImageDescription describe(byte[] image, String contentType, String model) {
        ContentBlockParam imageBlock = ContentBlockParam.ofImage(ImageBlockParam.builder()
                .source(Base64ImageSource.builder().data(Base64.getEncoder().encodeToString(image))
                        .mediaType(Base64ImageSource.MediaType.of(contentType)).build()).build());
        ContentBlockParam instruction = ContentBlockParam.ofText(TextBlockParam.builder().text(VisionPrompt.INSTRUCTION).build());
        MessageCreateParams params = MessageCreateParams.builder()
                .model(model == null || model.isBlank() ? visionModel : model).maxTokens(400L)
                .addUserMessageOfBlockParams(List.of(imageBlock, instruction)).build();
        Message message = AnthropicErrors.call(provider, () -> client.messages().create(params));
        return VisionPrompt.parse(text(message), provider, message.model().asString(),
                (int) message.usage().inputTokens(), (int) message.usage().outputTokens());
    }

    private String text(Message message) {
        if (message.stopReason().filter(StopReason.REFUSAL::equals).isPresent()) {
            throw ProviderErrors.refused(provider, "the model stopped with stop_reason refusal");
        }
        return message.content().stream().flatMap(b -> b.text().stream()).map(t -> t.text())
                .collect(Collectors.joining());
    }
}
