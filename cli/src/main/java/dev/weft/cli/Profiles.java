package dev.weft.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Named connections ({@code url} and API key) in {@code <config dir>/config.json}, written with
 * owner-only permissions; {@code WEFT_URL} and {@code WEFT_API_KEY} override the profile's.
 */
final class Profiles {

    record Profile(String name, String url, String apiKey) {}

    static final class NoProfileException extends RuntimeException {
        NoProfileException(String message) {
            super(message);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private Profiles() {}

    static Profile resolve(Weft.Context context, String requested) {
        ObjectNode config = read(context.configDir());
        String name = requested != null ? requested : context.env().getOrDefault("WEFT_PROFILE",
                config.path("current").asText("default"));
        var stored = config.path("profiles").path(name);
        if (requested != null && stored.isMissingNode()) {
            throw new NoProfileException("no profile '" + name + "'; create it with weft login --profile " + name);
        }
        String url = context.env().getOrDefault("WEFT_URL", stored.path("url").asText(null));
        String key = context.env().getOrDefault("WEFT_API_KEY", stored.path("apiKey").asText(null));
        if (url == null || key == null) {
            throw new NoProfileException("not signed in: run weft login --url URL --api-key KEY, or set WEFT_URL and WEFT_API_KEY");
        }
        return new Profile(name, url, key);
    }

    static void save(Weft.Context context, String name, String url, String apiKey) {
        ObjectNode config = read(context.configDir());
        ObjectNode profiles = config.has("profiles") ? (ObjectNode) config.get("profiles") : config.putObject("profiles");
        profiles.putObject(name).put("url", url).put("apiKey", apiKey);
        config.put("current", name);
        try {
            Files.createDirectories(context.configDir());
            setPermissions(context.configDir(), "rwx------");
            Path file = context.configDir().resolve("config.json");
            Path temp = context.configDir().resolve("config.json.tmp");
            Files.deleteIfExists(temp);
            Files.createFile(temp);
            setPermissions(temp, "rw-------"); // owner only, before the key is written
            Files.writeString(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config));
            Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + context.configDir().resolve("config.json"), e);
        }
    }

    private static void setPermissions(Path path, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException notPosix) {
            // a file system without POSIX permissions (Windows): the user's profile directory protects it
        }
    }

    private static ObjectNode read(Path dir) {
        Path file = dir.resolve("config.json");
        if (!Files.exists(file)) {
            return JSON.createObjectNode();
        }
        try {
            return (ObjectNode) JSON.readTree(file.toFile());
        } catch (IOException | ClassCastException e) {
            throw new IllegalArgumentException(file + " is not a Weft configuration (JSON object): " + e.getMessage());
        }
    }
}
