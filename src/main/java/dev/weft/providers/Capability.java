package dev.weft.providers;

import java.util.Arrays;
import java.util.Optional;

/** What a provider is asked to do; the unit for which server and app defaults are chosen. */
public enum Capability {
    TEXT("text"),
    IMAGE("image"),
    MODERATION("moderation"),
    EMBEDDING("embedding"),
    VISION("vision");

    private final String wire;

    Capability(String wire) {
        this.wire = wire;
    }

    /** The name in the API and configuration ({@code text}, {@code image}, ...). */
    public String wire() {
        return wire;
    }

    public static Optional<Capability> fromWire(String name) {
        return Arrays.stream(values()).filter(c -> c.wire.equals(name)).findFirst();
    }
}
