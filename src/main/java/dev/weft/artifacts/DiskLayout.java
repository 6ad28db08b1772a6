package dev.weft.artifacts;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.util.regex.Pattern;

/**
 * Where an artifact's bytes live: {@code <root>/<appId>/<aa>/<artifactId>}, {@code aa} being the
 * last two characters of the id (its random part, so directories fill evenly). Every component is
 * checked against a strict pattern and the result must stay under the root, so no id can escape it.
 * Writes go to a temporary file in the same directory, are forced to disk, then moved atomically
 * into place: a crash leaves at worst a {@code .tmp} file, never a half-written artifact.
 */
final class DiskLayout {

    static final Pattern APP_ID = Pattern.compile("^[a-z0-9][a-z0-9-]{0,63}$");
    static final Pattern ARTIFACT_ID = Pattern.compile("^art_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
    static final String TEMP_SUFFIX = ".tmp";

    private final Path root;

    DiskLayout(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The storage key (relative path, always with {@code /}) of an artifact; also its object key on S3. */
    static String key(String appId, String artifactId) {
        require(APP_ID, appId, "app id");
        require(ARTIFACT_ID, artifactId, "artifact id");
        return appId + "/" + artifactId.substring(artifactId.length() - 2) + "/" + artifactId;
    }

    Path resolve(String key) {
        Path path = root.resolve(key).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            throw new IllegalArgumentException("artifact path escapes the storage root: " + key);
        }
        return path;
    }

    void write(String key, byte[] bytes) throws IOException {
        Path target = resolve(key);
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), target.getFileName().toString() + ".", TEMP_SUFFIX);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    byte[] read(String key) throws IOException {
        return Files.readAllBytes(resolve(key));
    }

    java.io.InputStream open(String key) throws IOException {
        return Files.newInputStream(resolve(key));
    }

    private static void require(Pattern pattern, String value, String what) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new IllegalArgumentException("invalid " + what + " for artifact storage: " + value);
        }
    }
}
