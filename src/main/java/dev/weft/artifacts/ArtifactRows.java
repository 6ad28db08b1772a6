package dev.weft.artifacts;

import dev.weft.common.Ids;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code artifacts} table, shared by every {@link ArtifactStore}: metadata lives here whatever
 * keeps the bytes. Also the checks every store applies before storing (size, content type).
 */
final class ArtifactRows {

    private static final Pattern CONTENT_TYPE = Pattern.compile("^[\\w.+-]+/[\\w.+-]+( *;[ -~]*)?$");
    private static final String COLUMNS = "SELECT id, app_id, run_id, step_id, content_type, size_bytes, sha256, "
            + "storage_key, created_at FROM artifacts";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final long maxBytes;

    ArtifactRows(JdbcClient jdbc, Clock clock, long maxBytes) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.maxBytes = maxBytes;
    }

    /** A new artifact's metadata (fresh id, digest, creation time) after checking its size and content type. */
    Artifact prepare(String appId, String runId, String stepId, String contentType, byte[] bytes) {
        if (bytes.length > maxBytes) {
            throw new IllegalArgumentException("artifact of " + bytes.length + " bytes exceeds the limit of "
                    + maxBytes + " bytes (weft.artifacts.max-bytes)");
        }
        if (contentType == null || contentType.length() > 200 || !CONTENT_TYPE.matcher(contentType).matches()) {
            throw new IllegalArgumentException("invalid content type: " + contentType);
        }
        return new Artifact("art_" + Ids.uuid7(clock), appId, runId, stepId, contentType, bytes.length, sha256(bytes),
                clock.instant().truncatedTo(ChronoUnit.MICROS));
    }

    void insert(Artifact artifact, String storageKey) {
        jdbc.sql("""
                INSERT INTO artifacts (id, app_id, run_id, step_id, content_type, size_bytes, sha256, storage_key, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(artifact.id(), artifact.appId(), artifact.runId(), artifact.stepId(), artifact.contentType(),
                        artifact.sizeBytes(), artifact.sha256(), storageKey, artifact.createdAt().atOffset(ZoneOffset.UTC))
                .update();
    }

    void delete(Artifact artifact) {
        jdbc.sql("DELETE FROM artifacts WHERE id = ? AND app_id = ?").params(artifact.id(), artifact.appId()).update();
    }

    Optional<Artifact> find(String appId, String artifactId) {
        // by the primary key, the app compared here (see JdbcRunStore.find for why not both in SQL)
        return jdbc.sql(COLUMNS + " WHERE id = ?").param(artifactId)
                .query(ArtifactRows::row).optional().filter(a -> a.appId().equals(appId));
    }

    Optional<Artifact> findByStep(String appId, String runId, String stepId) {
        return jdbc.sql(COLUMNS + " WHERE app_id = ? AND run_id = ? AND step_id = ? ORDER BY id")
                .params(appId, runId, stepId).query(ArtifactRows::row).list().stream().findFirst();
    }

    List<Artifact> list(String appId, String runId, String afterId, int limit) {
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
        return statement.query(ArtifactRows::row).list();
    }

    private static Artifact row(ResultSet rs, int row) throws SQLException {
        return new Artifact(rs.getString("id"), rs.getString("app_id"), rs.getString("run_id"), rs.getString("step_id"),
                rs.getString("content_type"), rs.getLong("size_bytes"), rs.getString("sha256"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
