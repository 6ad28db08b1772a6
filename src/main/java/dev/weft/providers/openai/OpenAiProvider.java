package dev.weft.providers.openai;

import dev.weft.providers.Capability;
import java.util.EnumSet;
import java.util.Set;
import dev.weft.providers.ContentModerator;
import dev.weft.providers.Embedder;
import dev.weft.providers.ImageGenerator;
import dev.weft.providers.ProviderCredentials;
import dev.weft.providers.RemoteProvider;
import dev.weft.providers.TextGenerator;
import dev.weft.providers.VisionModel;
import dev.weft.outbound.ProviderHttp;
import java.time.Duration;

/**
 * Any OpenAI-compatible HTTP API (OpenAI, Azure-style gateways, vLLM, LM Studio, LocalAI, Ollama's
 * {@code /v1}) through the official OpenAI Java SDK: chat completions, images, moderations, embeddings
 * and vision. Several may be configured under different names (e.g. {@code openai} and {@code vllm}).
 */
public final class OpenAiProvider implements RemoteProvider {

    public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";

    private final String name;
    private final OpenAiModels models;
    private final OpenAiClients clients;
    private final boolean keyOptional;

    /** @param models null entries take the OpenAI defaults */
    public OpenAiProvider(String name, ProviderHttp http, Duration timeout, String textModel, String imageModel,
                          String embeddingModel, String moderationModel, String visionModel, boolean keyOptional) {
        this.name = name;
        this.models = new OpenAiModels(textModel, imageModel, embeddingModel, moderationModel, visionModel).orDefaults();
        this.clients = new OpenAiClients(http, timeout);
        this.keyOptional = keyOptional;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.TEXT, Capability.IMAGE, Capability.MODERATION, Capability.EMBEDDING,
                Capability.VISION);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean keyOptional() {
        return keyOptional;
    }

    @Override
    public TextGenerator text(ProviderCredentials credentials) {
        return new OpenAiChat(name, clients.client(withDefaults(credentials)), models);
    }

    @Override
    public ImageGenerator images(ProviderCredentials credentials) {
        return new OpenAiImages(name, clients.client(withDefaults(credentials)), models.image());
    }

    @Override
    public ContentModerator moderator(ProviderCredentials credentials) {
        return new OpenAiModeration(name, clients.client(withDefaults(credentials)), models.moderation());
    }

    @Override
    public Embedder embedder(ProviderCredentials credentials, String model) {
        return new OpenAiEmbedder(name, clients.client(withDefaults(credentials)),
                model == null || model.isBlank() ? models.embedding() : model);
    }

    @Override
    public VisionModel vision(ProviderCredentials credentials) {
        return new OpenAiChat(name, clients.client(withDefaults(credentials)), models);
    }

    private static ProviderCredentials withDefaults(ProviderCredentials c) {
        return c.withDefaultBaseUrl(DEFAULT_BASE_URL);
    }
}
