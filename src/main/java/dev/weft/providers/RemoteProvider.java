package dev.weft.providers;

import java.util.Set;

/**
 * A provider reached over the network, bound per call to the credentials of the app or the server.
 * Each method returns null when the provider has no such capability (Anthropic has no image generation).
 * Implementations cache the underlying SDK clients per credentials, so binding is cheap.
 */
public interface RemoteProvider {

    String name();

    /** What this provider can do, so a default can be checked when it is set rather than when a step runs. */
    Set<Capability> capabilities();

    /** True when the provider can be called without an API key (a local Ollama). */
    default boolean keyOptional() {
        return false;
    }

    default TextGenerator text(ProviderCredentials credentials) {
        return null;
    }

    default ImageGenerator images(ProviderCredentials credentials) {
        return null;
    }

    default ContentModerator moderator(ProviderCredentials credentials) {
        return null;
    }

    /** @param model null for the provider's default embedding model */
    default Embedder embedder(ProviderCredentials credentials, String model) {
        return null;
    }

    default VisionModel vision(ProviderCredentials credentials) {
        return null;
    }
}
