package dev.weft.definition;

import dev.weft.common.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Versioned definitions per app. A version, once written, is never changed. */
@Repository
public class DefinitionStore {

    private final JdbcClient jdbc;

    public DefinitionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts the next version; concurrent saves of one slug are told apart by the primary key.
     * {@code ON CONFLICT DO NOTHING} (which H2 accepts in PostgreSQL mode) rather than catching a
     * duplicate key: on PostgreSQL a failed statement aborts the caller's whole transaction.
     */
    public StoredDefinition saveNextVersion(String appId, String slug, String json, Instant now) {
        for (int tries = 0; ; tries++) {
            int next = jdbc.sql("SELECT COALESCE(MAX(version), 0) + 1 FROM workflow_definitions WHERE app_id = ? AND slug = ?")
                    .params(appId, slug).query(Integer.class).single();
            int inserted = jdbc.sql("INSERT INTO workflow_definitions (app_id, slug, version, definition, created_at) "
                            + "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
                    .params(appId, slug, next, json, now.atOffset(ZoneOffset.UTC)).update();
            if (inserted == 1) {
                return new StoredDefinition(slug, next, Json.parse(json), now, false);
            }
            if (tries >= 5) {
                throw new DuplicateKeyException("version " + next + " of '" + slug + "' was taken concurrently 6 times");
            }
        }
    }

    public Optional<StoredDefinition> latest(String appId, String slug) {
        return jdbc.sql("SELECT slug, version, definition, created_at FROM workflow_definitions "
                        + "WHERE app_id = ? AND slug = ? ORDER BY version DESC LIMIT 1")
                .params(appId, slug).query((rs, n) -> map(rs)).optional();
    }

    public Optional<StoredDefinition> version(String appId, String slug, int version) {
        return jdbc.sql("SELECT slug, version, definition, created_at FROM workflow_definitions "
                        + "WHERE app_id = ? AND slug = ? AND version = ?")
                .params(appId, slug, version).query((rs, n) -> map(rs)).optional();
    }

    public List<StoredDefinition> versions(String appId, String slug) {
        return jdbc.sql("SELECT slug, version, definition, created_at FROM workflow_definitions "
                        + "WHERE app_id = ? AND slug = ? ORDER BY version DESC")
                .params(appId, slug).query((rs, n) -> map(rs)).list();
    }

    /** The latest version of every slug of the app. */
    public List<StoredDefinition> latestOfEach(String appId) {
        return jdbc.sql("SELECT d.slug, d.version, d.definition, d.created_at FROM workflow_definitions d "
                        + "WHERE d.app_id = ? AND d.version = (SELECT MAX(v.version) FROM workflow_definitions v "
                        + "WHERE v.app_id = d.app_id AND v.slug = d.slug) ORDER BY d.slug")
                .param(appId).query((rs, n) -> map(rs)).list();
    }

    private static StoredDefinition map(ResultSet rs) throws SQLException {
        return new StoredDefinition(rs.getString("slug"), rs.getInt("version"), Json.parse(rs.getString("definition")),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(), false);
    }
}
