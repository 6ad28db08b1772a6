package dev.weft.providers.config;

import dev.weft.providers.Capability;
import dev.weft.providers.ContentModerator;
import dev.weft.providers.Embedder;
import dev.weft.providers.ImageGenerator;
import dev.weft.providers.ProviderCredentials;
import dev.weft.providers.ProviderErrors;
import dev.weft.providers.ProviderException;
import dev.weft.providers.RemoteProvider;
import dev.weft.providers.TextGenerator;
import dev.weft.providers.VisionModel;
import dev.weft.providers.keys.ProviderKeys;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Finds the implementation a step asked for. A name is looked up among the local providers (beans of
 * each port) and the remote ones; none given means the server default ({@code weft.providers.default-*}),
 * else the first local provider. A remote provider gets the app's own key when the app stored one,
 * else the server's key; without either (and a key is required) it fails as {@code PROVIDER_NOT_CONFIGURED}.
 */
public class ProviderDirectory {

    private final Map<String, RemoteProvider> remotes = new LinkedHashMap<>();
    private final ProvidersProperties properties;
    private final ProviderKeys keys;
    private final List<TextGenerator> localText;
    private final List<ImageGenerator> localImages;
    private final List<ContentModerator> localModerators;
    private final List<Embedder> localEmbedders;

    public ProviderDirectory(List<RemoteProvider> remotes, ProvidersProperties properties, ProviderKeys keys,
                             List<TextGenerator> localText, List<ImageGenerator> localImages,
                             List<ContentModerator> localModerators, List<Embedder> localEmbedders) {
        remotes.forEach(r -> this.remotes.put(r.name(), r));
        this.properties = properties;
        this.keys = keys;
        this.localText = localText;
        this.localImages = localImages;
        this.localModerators = localModerators;
        this.localEmbedders = localEmbedders;
    }

    public TextGenerator text(String appId, String name) {
        return resolve("text", appId, or(name, properties.defaultText()), localText, TextGenerator::provider,
                (r, c) -> r.text(c));
    }

    public ImageGenerator images(String appId, String name) {
        return resolve("image", appId, or(name, properties.defaultImage()), localImages, ImageGenerator::provider,
                (r, c) -> r.images(c));
    }

    public ContentModerator moderator(String appId, String name) {
        return resolve("moderation", appId, or(name, properties.defaultModeration()), localModerators,
                ContentModerator::provider, (r, c) -> r.moderator(c));
    }

    public Embedder embedder(String appId, String name, String model) {
        return resolve("embedding", appId, or(name, properties.defaultEmbedding()), localEmbedders, Embedder::provider,
                (r, c) -> r.embedder(c, model));
    }

    /** Empty when neither the step nor the server names a vision provider: pixel analysis only. */
    public Optional<VisionModel> vision(String appId, String name) {
        String chosen = or(name, properties.defaultVision());
        if (chosen == null || chosen.equals("local")) {
            return Optional.empty();
        }
        return Optional.of(resolve("vision", appId, chosen, List.of(), VisionModel::provider, (r, c) -> r.vision(c)));
    }

    /** The server's default for a capability ({@code weft.providers.default-*}), if configured. */
    public Optional<String> serverDefault(Capability capability) {
        String name = switch (capability) {
            case TEXT -> properties.defaultText();
            case IMAGE -> properties.defaultImage();
            case MODERATION -> properties.defaultModeration();
            case EMBEDDING -> properties.defaultEmbedding();
            case VISION -> properties.defaultVision();
        };
        return Optional.ofNullable(name).filter(n -> !n.isBlank());
    }

    /** The local provider that answers when nothing else is chosen; empty for vision (pixel analysis only). */
    public Optional<String> localDefault(Capability capability) {
        return locals(capability).stream().findFirst();
    }

    /** Every provider name that can serve the capability: local ones first, then remote ones. */
    public List<String> names(Capability capability) {
        List<String> names = new ArrayList<>(locals(capability));
        remotes.forEach((n, r) -> {
            if (r.capabilities().contains(capability)) {
                names.add(n);
            }
        });
        return names;
    }

    private List<String> locals(Capability capability) {
        return switch (capability) {
            case TEXT -> localText.stream().map(TextGenerator::provider).toList();
            case IMAGE -> localImages.stream().map(ImageGenerator::provider).toList();
            case MODERATION -> localModerators.stream().map(ContentModerator::provider).toList();
            case EMBEDDING -> localEmbedders.stream().map(Embedder::provider).toList();
            case VISION -> List.of();
        };
    }

    /** Remote provider names, in configuration order. */
    public List<String> remoteNames() {
        return List.copyOf(remotes.keySet());
    }

    /** Where a remote provider's credentials come from for this app: {@code app}, {@code server} or empty. */
    public Optional<String> credentialSource(String appId, String provider) {
        if (keys != null && keys.list(appId).stream().anyMatch(k -> k.provider().equals(provider))) {
            return Optional.of("app");
        }
        RemoteProvider remote = remotes.get(provider);
        ProvidersProperties.Endpoint endpoint = properties.endpoint(provider);
        if (endpoint.hasKey() || (remote != null && remote.keyOptional() && endpoint.baseUrl() != null && !endpoint.baseUrl().isBlank())) {
            return Optional.of("server");
        }
        return Optional.empty();
    }

    private <T> T resolve(String kind, String appId, String name, List<T> locals, Function<T, String> localName,
                          BiFunction<RemoteProvider, ProviderCredentials, T> bind) {
        if (name == null || name.isBlank()) {
            if (locals.isEmpty()) {
                throw new ProviderException(false, ProviderErrors.NOT_CONFIGURED, "no " + kind + " provider configured");
            }
            return locals.getFirst();
        }
        for (T local : locals) {
            if (localName.apply(local).equals(name)) {
                return local;
            }
        }
        RemoteProvider remote = remotes.get(name);
        T bound = remote == null ? null : bind.apply(remote, credentials(appId, remote));
        if (bound == null) {
            List<String> available = new ArrayList<>(locals.stream().map(localName).toList());
            remotes.forEach((n, r) -> available.add(n));
            throw new ProviderException(false, "UNKNOWN_PROVIDER", "no " + kind + " provider '" + name
                    + "' is configured; available: " + available);
        }
        return bound;
    }

    private ProviderCredentials credentials(String appId, RemoteProvider remote) {
        Optional<ProviderCredentials> own = appId == null || keys == null ? Optional.empty() : keys.find(appId, remote.name());
        ProvidersProperties.Endpoint server = properties.endpoint(remote.name());
        if (own.isPresent()) {
            // An app key without its own base URL goes where the server's configuration points.
            return own.get().baseUrl() != null ? own.get() : ProviderCredentials.fromServer(own.get().apiKey(), server.baseUrl());
        }
        if (!server.hasKey() && !remote.keyOptional()) {
            throw new ProviderException(false, ProviderErrors.NOT_CONFIGURED, "provider '" + remote.name()
                    + "' has no API key: set weft.providers." + remote.name() + ".api-key or PUT /v1/providers/"
                    + remote.name() + "/key");
        }
        return ProviderCredentials.fromServer(server.apiKey(), server.baseUrl());
    }

    private static String or(String name, String fallback) {
        return name == null || name.isBlank() ? fallback : name;
    }
}
