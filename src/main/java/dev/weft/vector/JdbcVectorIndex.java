package dev.weft.vector;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * {@link VectorIndex} over the {@code vector_documents} table, which is the truth: embeddings are
 * stored there as base64 little-endian float32, so the index survives restarts and is shared by
 * every process on the same database.
 *
 * <p><b>Search is exact</b>: a brute-force cosine scan, O(n·d) per query for n documents of d
 * dimensions, over each collection's unit vectors cached contiguously in memory (see {@link Segment}).
 * For tens of thousands of 384-dimensional documents this takes milliseconds; an approximate index
 * (HNSW, pgvector) would be the next step for millions. A collection is loaded from the database
 * on first use and kept in step with this process's upserts and deletes. Before each query a cheap
 * aggregate (document count and latest update time) is compared with what the cache last saw, so
 * writes made by another process are picked up by reloading the collection.
 *
 * <p>Caveat: the dimension check is per process; two processes writing vectors of different sizes
 * into the same empty collection at the same instant could both succeed.
 */
public class JdbcVectorIndex extends RowBackedVectorIndex {

    public static final String ENGINE = "exact-in-memory";

    private record Key(String appId, String collection) {}

    private final ConcurrentMap<Key, Segment> segments = new ConcurrentHashMap<>();

    public JdbcVectorIndex(JdbcClient jdbc, Clock clock) {
        super(jdbc, clock);
    }

    @Override
    public VectorDocument upsert(String appId, String collection, String docId, float[] embedding, JsonNode metadata,
                                 String content) {
        CollectionName.require(collection);
        CollectionName.requireDocId(docId);
        Vectors.check(embedding);
        if (metadata != null && !metadata.isNull() && !metadata.isObject()) {
            throw new IllegalArgumentException("metadata must be a JSON object");
        }
        JsonNode meta = metadata == null || metadata.isNull() ? null : metadata;
        Key key = new Key(appId, collection);
        return withSegment(key, segment -> {
            int dimensions = segment.dimensions();
            boolean replacesOnlyDocument = segment.size() == 1 && segment.contains(docId);
            if (dimensions != 0 && dimensions != embedding.length && !replacesOnlyDocument) {
                throw new DimensionMismatchException(collection, dimensions, embedding.length);
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            VectorDocument saved = rows.save(appId, collection, docId, embedding, meta, content, now);
            if (replacesOnlyDocument) {
                segment.clear();
            }
            segment.put(docId, Vectors.normalized(embedding), meta, content, now);
            Instant latest = segment.synced.latest() == null || now.isAfter(segment.synced.latest())
                    ? now : segment.synced.latest();
            segment.synced = new Segment.Fingerprint(segment.size(), latest);
            return saved;
        });
    }

    @Override
    public boolean delete(String appId, String collection, String docId) {
        if (!CollectionName.isValid(collection)) {
            return false;
        }
        return withSegment(new Key(appId, collection), segment -> {
            boolean deleted = rows.delete(appId, collection, docId);
            segment.remove(docId);
            segment.synced = new Segment.Fingerprint(segment.size(), segment.latest());
            return deleted;
        });
    }




    @Override
    public String engine() {
        return ENGINE;
    }

    @Override
    public List<Match> query(String appId, String collection, float[] vector, int topK, JsonNode filter) {
        MetadataFilter parsed = checkQuery(vector, topK, filter);
        if (!CollectionName.isValid(collection)) {
            return List.of();
        }
        Key key = new Key(appId, collection);
        Segment.Fingerprint current = rows.fingerprint(appId, collection);
        if (current.count() == 0) {
            segments.remove(key);
            return List.of();
        }
        Segment segment = segments.computeIfAbsent(key, k -> new Segment());
        if (!current.equals(segment.synced)) {
            withSegment(key, s -> null);
        }
        segment.lock.readLock().lock();
        try {
            if (segment.dimensions() != 0 && segment.dimensions() != vector.length) {
                throw new DimensionMismatchException(collection, segment.dimensions(), vector.length);
            }
            return segment.top(Vectors.normalized(vector), topK, parsed);
        } finally {
            segment.lock.readLock().unlock();
        }
    }

    /** Runs {@code action} under the segment's write lock, after syncing the segment with the database if stale. */
    private <T> T withSegment(Key key, Function<Segment, T> action) {
        Segment segment = segments.computeIfAbsent(key, k -> new Segment());
        segment.lock.writeLock().lock();
        try {
            Segment.Fingerprint current = rows.fingerprint(key.appId(), key.collection());
            if (!current.equals(segment.synced)) {
                reload(key, segment, current);
            }
            return action.apply(segment);
        } finally {
            segment.lock.writeLock().unlock();
        }
    }

    private void reload(Key key, Segment segment, Segment.Fingerprint fingerprint) {
        segment.clear();
        for (VectorDocument doc : rows.all(key.appId(), key.collection())) {
            segment.put(doc.docId(), Vectors.normalized(doc.embedding()), doc.metadata(), doc.content(), doc.updatedAt());
        }
        segment.synced = fingerprint;
    }
}
