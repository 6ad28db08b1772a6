package dev.weft.providers.ollama;

import dev.weft.outbound.ProviderHttp;
import dev.weft.providers.Capability;
import dev.weft.providers.ClientCache;
import dev.weft.providers.Embedder;
import dev.weft.providers.ProviderCredentials;
import dev.weft.providers.RemoteProvider;
import dev.weft.providers.TextGenerator;
import dev.weft.providers.VisionModel;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.ai.ollama.api.OllamaApi;
import org.springframework.web.client.RestClient;

/**
 * Ollama's native API ({@code /api/chat}, {@code /api/embed}) through Spring AI's {@link OllamaApi}.
 * No key is needed; the base URL defaults to {@code http://localhost:11434}.
 */
public final class OllamaProvider implements RemoteProvider {

    public static final String NAME = "ollama";
    public static final String DEFAULT_BASE_URL = "http://localhost:11434";
    static final String DEFAULT_TEXT_MODEL = "llama3.2";
    static final String DEFAULT_EMBEDDING_MODEL = "nomic-embed-text";
    static final String DEFAULT_VISION_MODEL = "llava";

    private final ProviderHttp http;
    private final Duration timeout;
    private final String textModel;
    private final String embeddingModel;
    private final String visionModel;
    private final ClientCache<Api> apis = new ClientCache<>(this::build, api -> { });

    /** An OllamaApi holds nothing to close: its connections belong to {@link ProviderHttp}'s shared pools. */
    private record Api(OllamaApi api, org.springframework.web.client.RestClient rest) {}

    public OllamaProvider(ProviderHttp http, Duration timeout, String textModel, String embeddingModel, String visionModel) {
        this.http = http;
        this.timeout = timeout;
        this.textModel = textModel == null || textModel.isBlank() ? DEFAULT_TEXT_MODEL : textModel;
        this.embeddingModel = embeddingModel == null || embeddingModel.isBlank() ? DEFAULT_EMBEDDING_MODEL : embeddingModel;
        this.visionModel = visionModel == null || visionModel.isBlank() ? DEFAULT_VISION_MODEL : visionModel;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.TEXT, Capability.EMBEDDING, Capability.VISION);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean keyOptional() {
        return true;
    }

    @Override
    public TextGenerator text(ProviderCredentials credentials) {
        return new OllamaChat(NAME, client(credentials).api(), client(credentials).rest(), textModel, visionModel);
    }

    @Override
    public VisionModel vision(ProviderCredentials credentials) {
        return new OllamaChat(NAME, client(credentials).api(), client(credentials).rest(), textModel, visionModel);
    }

    @Override
    public Embedder embedder(ProviderCredentials credentials, String model) {
        return new OllamaEmbedder(NAME, api(credentials), model == null || model.isBlank() ? embeddingModel : model);
    }

    private Api client(ProviderCredentials c) {
        return apis.client(c.withDefaultBaseUrl(DEFAULT_BASE_URL));
    }

    private OllamaApi api(ProviderCredentials c) {
        return apis.client(c.withDefaultBaseUrl(DEFAULT_BASE_URL)).api();
    }

    private Api build(ProviderCredentials c) {
        RestClient.Builder rest = http.restClient(c.trustedBaseUrl(), timeout);
        if (c.apiKey() != null && !c.apiKey().isBlank()) {
            // Ollama behind an authenticating proxy (or ollama.com) takes a bearer token.
            rest.defaultHeader("Authorization", "Bearer " + c.apiKey());
        }
        // the streaming call goes through the same policy-checked client (OllamaApi's own streaming uses a WebClient)
        org.springframework.web.client.RestClient streaming = rest.clone().baseUrl(c.baseUrl()).build();
        return new Api(OllamaApi.builder().baseUrl(c.baseUrl()).restClientBuilder(rest)
                .responseErrorHandler(new OllamaErrors.Handler(NAME)).build(), streaming);
    }
}
