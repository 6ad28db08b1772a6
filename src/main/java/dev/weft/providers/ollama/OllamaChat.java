package dev.weft.providers.ollama;

import dev.weft.providers.TextGenerator;
import dev.weft.providers.VisionModel;
import dev.weft.providers.VisionPrompt;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.ai.ollama.api.OllamaApi;
import org.springframework.ai.ollama.api.OllamaApi.ChatRequest;
import org.springframework.ai.ollama.api.OllamaApi.ChatResponse;
import org.springframework.ai.ollama.api.OllamaApi.Message;

/** {@code POST /api/chat} without streaming; images go in the message's {@code images} as base64. */
final class OllamaChat implements TextGenerator, VisionModel {

    private final String provider;
    private final OllamaApi api;
    private final String textModel;
    private final String visionModel;

    OllamaChat(String provider, OllamaApi api, String textModel, String visionModel) {
        this.provider = provider;
        this.api = api;
        this.textModel = textModel;
        this.visionModel = visionModel;
    }

    @Override
    public String provider() {
        return provider;
    }

    @Override
    public GeneratedText generate(Request request) {
        List<Message> messages = new ArrayList<>();
        if (request.system() != null && !request.system().isBlank()) {
            messages.add(Message.builder(Message.Role.SYSTEM).content(request.system()).build());
        }
        messages.add(Message.builder(Message.Role.USER).content(request.prompt()).build());
        Map<String, Object> options = new HashMap<>();
        if (request.maxTokens() != null) {
            options.put("num_predict", request.maxTokens());
        }
        if (request.temperature() != null) {
            options.put("temperature", request.temperature());
        }
        String model = request.model() == null || request.model().isBlank() ? textModel : request.model();
        ChatResponse response = chat(model, messages, options);
        return new GeneratedText(content(response), provider, response.model() == null ? model : response.model(), false,
                count(response.promptEvalCount()), count(response.evalCount()));
    }

    @Override
    public ImageDescription describe(byte[] image, String contentType, String model) {
        String chosen = model == null || model.isBlank() ? visionModel : model;
        Message message = Message.builder(Message.Role.USER).content(VisionPrompt.INSTRUCTION)
                .images(List.of(Base64.getEncoder().encodeToString(image))).build();
        ChatResponse response = chat(chosen, List.of(message), Map.of());
        return VisionPrompt.parse(content(response), provider, chosen, count(response.promptEvalCount()),
                count(response.evalCount()));
    }

    private ChatResponse chat(String model, List<Message> messages, Map<String, Object> options) {
        ChatRequest request = new ChatRequest.Builder(model).messages(messages).stream(false).options(options).build();
        return OllamaErrors.call(provider, () -> api.chat(request));
    }

    private static String content(ChatResponse response) {
        return response.message() == null || response.message().content() == null ? "" : response.message().content();
    }

    private static int count(Integer n) {
        return n == null ? 0 : n;
    }
}
