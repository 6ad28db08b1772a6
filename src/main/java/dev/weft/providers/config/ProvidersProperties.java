package dev.weft.providers.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code weft.providers.*}: server-wide provider keys, base URLs, default models and which provider
 * each step type uses when a step names none. Base URLs here are operator configuration: their host
 * may be internal (a local Ollama), while a per-app base URL set through the API is held to the
 * outbound policy. Redirects are refused from both.
 *
 * @param defaultText       provider for {@code text_generate} when the step names none (default {@code local})
 * @param defaultImage      provider for {@code image_generate}
 * @param defaultModeration provider for {@code moderate_content}
 * @param defaultEmbedding  provider for embeddings in {@code enrich_text}
 * @param defaultVision     provider for captions in {@code enrich_image}; unset: pixel analysis only
 */
@ConfigurationProperties("weft.providers")
public record ProvidersProperties(String defaultText, String defaultImage, String defaultModeration,
                                  String defaultEmbedding, String defaultVision, Endpoint openai, Endpoint anthropic,
                                  Endpoint ollama) {

    /** Models left unset take each provider's documented default. */
    public record Endpoint(String apiKey, String baseUrl, Duration timeout, String textModel, String imageModel,
                           String embeddingModel, String moderationModel, String visionModel) {

        static final Endpoint NONE = new Endpoint(null, null, null, null, null, null, null, null);

        public Duration timeoutOrDefault() {
            return timeout == null ? Duration.ofSeconds(60) : timeout;
        }

        public boolean hasKey() {
            return apiKey != null && !apiKey.isBlank();
        }
    }

    public Endpoint endpoint(String provider) {
        Endpoint e = switch (provider) {
            case "openai" -> openai;
            case "anthropic" -> anthropic;
            case "ollama" -> ollama;
            default -> null;
        };
        return e == null ? Endpoint.NONE : e;
    }
}
