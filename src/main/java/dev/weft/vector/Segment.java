package dev.weft.vector;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.IntStream;
import tools.jackson.databind.JsonNode;

/**
 * One collection's documents in memory: unit vectors packed row after row in one {@code float[]}
 * (so a scan is a tight loop over contiguous memory), with ids, metadata and content alongside.
 * Removal moves the last row into the hole. Not thread-safe by itself: callers hold {@link #lock}.
 */
final class Segment {

    /** What the database said about the collection when this segment last matched it. */
    record Fingerprint(long count, Instant latest) {}

    final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    Fingerprint synced;

    private int dimensions;
    private int size;
    private float[] vectors = new float[0];
    private String[] ids = new String[0];
    private JsonNode[] metadata = new JsonNode[0];
    private String[] contents = new String[0];
    private Instant[] updated = new Instant[0];
    private final Map<String, Integer> rows = new HashMap<>();

    int size() {
        return size;
    }

    /** 0 while empty. */
    int dimensions() {
        return size == 0 ? 0 : dimensions;
    }

    boolean contains(String id) {
        return rows.containsKey(id);
    }

    void clear() {
        size = 0;
        rows.clear();
        Arrays.fill(metadata, null);
        Arrays.fill(contents, null);
    }

    void put(String id, float[] unit, JsonNode meta, String content, Instant updatedAt) {
        if (size == 0 && dimensions != unit.length) {
            dimensions = unit.length;
            vectors = new float[ids.length * dimensions];
        }
        Integer row = rows.get(id);
        if (row == null) {
            ensureCapacity(size + 1);
            row = size++;
            rows.put(id, row);
        }
        System.arraycopy(unit, 0, vectors, row * dimensions, dimensions);
        ids[row] = id;
        metadata[row] = meta;
        contents[row] = content;
        updated[row] = updatedAt;
    }

    void remove(String id) {
        Integer row = rows.remove(id);
        if (row == null) {
            return;
        }
        int last = --size;
        if (row != last) {
            System.arraycopy(vectors, last * dimensions, vectors, row * dimensions, dimensions);
            ids[row] = ids[last];
            metadata[row] = metadata[last];
            contents[row] = contents[last];
            updated[row] = updated[last];
            rows.put(ids[row], row);
        }
        metadata[last] = null;
        contents[last] = null;
    }

    /** The newest update time held, for the fingerprint after a local change. */
    Instant latest() {
        Instant latest = null;
        for (int i = 0; i < size; i++) {
            if (latest == null || updated[i].isAfter(latest)) {
                latest = updated[i];
            }
        }
        return latest;
    }

    /** Collections at least this large are scanned in parallel chunks (each with its own top-k, merged). */
    static final int PARALLEL_THRESHOLD = 32_768;
    private static final int CHUNK = 16_384;

    /** Exact top-k by dot product of unit vectors (= cosine), O(size x dimensions). */
    List<VectorIndex.Match> top(float[] unitQuery, int k, MetadataFilter filter) {
        TopK best;
        if (size < PARALLEL_THRESHOLD) {
            best = scan(unitQuery, k, filter, 0, size);
        } else {
            int chunks = (size + CHUNK - 1) / CHUNK;
            best = IntStream.range(0, chunks).parallel()
                    .mapToObj(c -> scan(unitQuery, k, filter, c * CHUNK, Math.min(size, (c + 1) * CHUNK)))
                    .reduce(new TopK(k), (a, b) -> {
                        TopK merged = new TopK(k);
                        merged.addAll(a);
                        merged.addAll(b);
                        return merged;
                    });
        }
        float[] scores = new float[best.size()];
        int[] rowsBestFirst = best.drainBestFirst(scores);
        List<VectorIndex.Match> matches = new ArrayList<>(rowsBestFirst.length);
        for (int i = 0; i < rowsBestFirst.length; i++) {
            int row = rowsBestFirst[i];
            matches.add(new VectorIndex.Match(ids[row], Math.min(1.0, Math.max(-1.0, scores[i])), metadata[row], contents[row]));
        }
        return matches;
    }

    private TopK scan(float[] query, int k, MetadataFilter filter, int from, int to) {
        TopK best = new TopK(k);
        boolean all = filter.matchesAll();
        for (int row = from; row < to; row++) {
            if (!all && !filter.matches(metadata[row])) {
                continue;
            }
            float score = dot(query, row * dimensions);
            if (score > best.threshold()) {
                best.offer(score, row);
            }
        }
        return best;
    }

    /** Four independent sums, so the loop is not one long dependency chain (and the JIT can vectorise it). */
    private float dot(float[] query, int offset) {
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        float[] v = vectors;
        int n = query.length;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += query[i] * v[offset + i];
            s1 += query[i + 1] * v[offset + i + 1];
            s2 += query[i + 2] * v[offset + i + 2];
            s3 += query[i + 3] * v[offset + i + 3];
        }
        for (; i < n; i++) {
            s0 += query[i] * v[offset + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private void ensureCapacity(int needed) {
        if (ids.length >= needed) {
            return;
        }
        int capacity = Math.max(16, Math.max(needed, ids.length + (ids.length >> 1)));
        vectors = Arrays.copyOf(vectors, capacity * dimensions);
        ids = Arrays.copyOf(ids, capacity);
        metadata = Arrays.copyOf(metadata, capacity);
        contents = Arrays.copyOf(contents, capacity);
        updated = Arrays.copyOf(updated, capacity);
    }
}
