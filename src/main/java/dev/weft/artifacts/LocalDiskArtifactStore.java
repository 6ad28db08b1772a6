package dev.weft.artifacts;

import dev.weft.common.Ids;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Artifacts on the local disk ({@code ${weft.data-dir}/artifacts}, see {@link DiskLayout}) with their
 * metadata in the {@code artifacts} table. Bytes are written before the row, so a row always points
 * at complete bytes; a crash in between leaves only an unreferenced file.
 */
@Component
public class LocalDiskArtifactStore implements ArtifactStore {

    public static final long DEFAULT_MAX_BYTES = 50L * 1024 * 1024;
    private static final Pattern CONTENT_TYPE = Pattern.compile("^[\\w.+-]+/[\\w.+-]+( *;[ -~]*)?$");
    private static final String COLUMNS = "SELECT id, app_id, run_id, step_id, content_type, size_bytes, sha256, "
            + "storage_key, created_at FROM artifacts";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final DiskLayout disk;
    private final long maxBytes;

    @Autowired
    public LocalDiskArtifactStore(JdbcClient jdbc, ObjectProvider<Clock> clock,
                                  @Value("${weft.data-dir:./data}") String dataDir,
                                  @Value("${weft.artifacts.max-bytes:" + DEFAULT_MAX_BYTES + "}") long maxBytes) {
        this(jdbc, clock.getIfAvailable(Clock::systemUTC), Path.of(dataDir).resolve("artifacts"), maxBytes);
    }

    public LocalDiskArtifactStore(JdbcClient jdbc, Clock clock, Path root, long maxBytes) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.disk = new DiskLayout(root);
        this.maxBytes = maxBytes;
    }

    @Override
    public Artifact put(String appId, String runId, String stepId, String contentType, byte[] bytes) {
        if (bytes.length > maxBytes) {
            throw new IllegalArgumentException("artifact of " + bytes.length + " bytes exceeds the limit of "
                    + maxBytes + " bytes (weft.artifacts.max-bytes)");
        }
        if (contentType == null || contentType.length() > 200 || !CONTENT_TYPE.matcher(contentType).matches()) {
            throw new IllegalArgumentException("invalid content type: " + contentType);
        }
        String id = "art_" + Ids.uuid7(clock);
        String key = disk.key(appId, id);
        Artifact artifact = new Artifact(id, appId, runId, stepId, contentType, bytes.length, sha256(bytes),
                clock.instant().truncatedTo(ChronoUnit.MICROS));
        try {
            disk.write(key, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write artifact " + id, e);
        }
        jdbc.sql("""
                INSERT INTO artifacts (id, app_id, run_id, step_id, content_type, size_bytes, sha256, storage_key, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, appId, runId, stepId, contentType, artifact.sizeBytes(), artifact.sha256(), key,
                        artifact.createdAt().atOffset(ZoneOffset.UTC))
                .update();
        return artifact;
    }

    @Override
    public Optional<Artifact> find(String appId, String artifactId) {
        return jdbc.sql(COLUMNS + " WHERE id = ? AND app_id = ?").params(artifactId, appId)
                .query(LocalDiskArtifactStore::row).optional();
    }

    @Override
    public Optional<Artifact> findByStep(String appId, String runId, String stepId) {
        return jdbc.sql(COLUMNS + " WHERE app_id = ? AND run_id = ? AND step_id = ? ORDER BY id")
                .params(appId, runId, stepId).query(LocalDiskArtifactStore::row).list().stream().findFirst();
    }

    @Override
    public List<Artifact> list(String appId, String runId, String afterId, int limit) {
        StringBuilder sql = new StringBuilder(COLUMNS).append(" WHERE app_id = :app");
        if (runId != null) {
            sql.append(" AND run_id = :run");
        }
        if (afterId != null) {
            sql.append(" AND id > :after");
        }
        sql.append(" ORDER BY id LIMIT :limit");
        var statement = jdbc.sql(sql.toString()).param("app", appId).param("limit", limit);
        if (runId != null) {
            statement = statement.param("run", runId);
        }
        if (afterId != null) {
            statement = statement.param("after", afterId);
        }
        return statement.query(LocalDiskArtifactStore::row).list();
    }

    @Override
    public byte[] read(Artifact artifact) {
        try {
            return disk.read(disk.key(artifact.appId(), artifact.id()));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read artifact " + artifact.id(), e);
        }
    }

    private static Artifact row(ResultSet rs, int row) throws SQLException {
        Instant created = rs.getObject("created_at", OffsetDateTime.class).toInstant();
        return new Artifact(rs.getString("id"), rs.getString("app_id"), rs.getString("run_id"), rs.getString("step_id"),
                rs.getString("content_type"), rs.getLong("size_bytes"), rs.getString("sha256"), created);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
