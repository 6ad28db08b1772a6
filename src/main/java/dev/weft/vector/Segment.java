package dev.weft.vector;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.locks.ReentrantReadWriteLock;
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

    /** Exact top-k by dot product of unit vectors (= cosine), O(size x dimensions). */
    List<VectorIndex.Match> top(float[] unitQuery, int k, MetadataFilter filter) {
        Comparator<double[]> byScore = Comparator.comparingDouble(e -> e[0]);
        PriorityQueue<double[]> best = new PriorityQueue<>(byScore);
        for (int row = 0; row < size; row++) {
            if (!filter.matchesAll() && !filter.matches(metadata[row])) {
                continue;
            }
            double score = dot(unitQuery, row * dimensions);
            if (best.size() < k) {
                best.add(new double[] {score, row});
            } else if (score > best.peek()[0]) {
                best.poll();
                best.add(new double[] {score, row});
            }
        }
        List<VectorIndex.Match> matches = new ArrayList<>(best.size());
        while (!best.isEmpty()) {
            double[] e = best.poll();
            int row = (int) e[1];
            matches.add(new VectorIndex.Match(ids[row], Math.min(1.0, Math.max(-1.0, e[0])), metadata[row], contents[row]));
        }
        return matches.reversed();
    }

    private double dot(float[] query, int offset) {
        float sum = 0f;
        for (int i = 0; i < query.length; i++) {
            sum += query[i] * vectors[offset + i];
        }
        return sum;
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
