package dev.weft.providers.defaults;

import dev.weft.providers.Capability;
import java.util.Map;
import java.util.Optional;

/** An app's chosen provider per capability. */
public interface AppProviderDefaults {

    /** A provider and, optionally, its model (null: the provider's default model). */
    record Choice(String provider, String model) {}

    Optional<Choice> find(String appId, Capability capability);

    Map<Capability, Choice> all(String appId);

    /** Replaces every default of the app with {@code choices}; capabilities not in it have none afterwards. */
    void replace(String appId, Map<Capability, Choice> choices);

    /** No app defaults: for running steps outside the application. */
    AppProviderDefaults NONE = new AppProviderDefaults() {
        @Override
        public Optional<Choice> find(String appId, Capability capability) {
            return Optional.empty();
        }

        @Override
        public Map<Capability, Choice> all(String appId) {
            return Map.of();
        }

        @Override
        public void replace(String appId, Map<Capability, Choice> choices) {
            throw new UnsupportedOperationException("no app defaults here");
        }
    };
}
