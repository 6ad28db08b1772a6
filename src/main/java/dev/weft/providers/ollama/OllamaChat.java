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

    private final org.springframework.web.client.RestClient rest;

    /** @param rest the same policy-checked client {@code api} uses, for the streaming call */
    OllamaChat(String provider, OllamaApi api, org.springframework.web.client.RestClient rest, String textModel,
               String visionModel) {
        this.provider = provider;
        this.api = api;
        this.rest = rest;
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

    /**
     * {@code POST /api/chat} with {@code stream: true}: newline-delimited JSON objects, each with
     * a piece of the message, the last ({@code done: true}) with the token counts.
     */
    @Override
    public GeneratedText stream(Request request, java.util.function.Consumer<String> deltas) {
        String model = request.model() == null || request.model().isBlank() ? textModel : request.model();
        var body = dev.weft.common.Json.object();
        body.put("model", model);
        body.put("stream", true);
        var messages = body.putArray("messages");
        if (request.system() != null && !request.system().isBlank()) {
            messages.addObject().put("role", "system").put("content", request.system());
        }
        messages.addObject().put("role", "user").put("content", request.prompt());
        var options = body.putObject("options");
        if (request.maxTokens() != null) {
            options.put("num_predict", request.maxTokens());
        }
        if (request.temperature() != null) {
            options.put("temperature", request.temperature());
        }
        return OllamaErrors.call(provider, () -> rest.post().uri("/api/chat")
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .body(dev.weft.common.Json.write(body))
                .exchange((req, response) -> {
                    var errors = new OllamaErrors.Handler(provider);
                    if (errors.hasError(response)) {
                        errors.handleError(java.net.URI.create("/api/chat"), org.springframework.http.HttpMethod.POST, response);
                    }
                    StringBuilder text = new StringBuilder();
                    String answeredModel = model;
                    int in = 0;
                    int out = 0;
                    try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(response.getBody(),
                            java.nio.charset.StandardCharsets.UTF_8))) {
                        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                            if (line.isBlank()) {
                                continue;
                            }
                            var chunk = dev.weft.common.Json.parse(line);
                            if (chunk.has("error")) {
                                throw dev.weft.providers.ProviderErrors.invalidResponse(provider, chunk.get("error").asString(""));
                            }
                            String piece = chunk.path("message").path("content").asString("");
                            if (!piece.isEmpty()) {
                                text.append(piece);
                                deltas.accept(piece);
                            }
                            answeredModel = chunk.path("model").asString(answeredModel);
                            if (chunk.path("done").asBoolean(false)) {
                                in = chunk.path("prompt_eval_count").asInt(0);
                                out = chunk.path("eval_count").asInt(0);
                            }
                        }
                    }
                    return new GeneratedText(text.toString(), provider, answeredModel, false, in, out);
                }));
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
