package dev.weft.vector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.common.Json;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The exact scan returns what sorting every score would, whether it runs in one pass or in parallel chunks. */
class SegmentSearchTest {

    private static final int DIMENSIONS = 7;

    @Test
    void aParallelScanOfALargeCollectionFindsTheSameTopKAsSortingAllScores() {
        assertSameAsSorting(Segment.PARALLEL_THRESHOLD * 2 + 123, 10);
    }

    @Test
    void aSmallCollectionIsScannedExactlyToo() {
        assertSameAsSorting(500, 25);
    }

    @Test
    void returnsFewerMatchesThanKWhenTheFilterLeavesFewer() {
        Segment segment = new Segment();
        segment.put("a", new float[] {1, 0}, Json.parse("{\"k\": 1}"), null, Instant.EPOCH);
        segment.put("b", new float[] {0, 1}, Json.parse("{\"k\": 2}"), null, Instant.EPOCH);

        List<VectorIndex.Match> matches = segment.top(new float[] {1, 0}, 5, MetadataFilter.parse(Json.parse("{\"k\": 2}")));

        assertThat(matches).extracting(VectorIndex.Match::docId).containsExactly("b");
    }

    private static void assertSameAsSorting(int n, int k) {
        Random random = new Random(42);
        Segment segment = new Segment();
        float[][] vectors = new float[n][];
        for (int i = 0; i < n; i++) {
            vectors[i] = unit(random);
            segment.put("d" + i, vectors[i], null, null, Instant.EPOCH);
        }
        float[] query = unit(random);

        List<String> found = segment.top(query, k, MetadataFilter.ALL).stream().map(VectorIndex.Match::docId).toList();

        List<String> expected = IntStream.range(0, n).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -dot(query, vectors[i])))
                .limit(k).map(i -> "d" + i).toList();
        assertThat(found).containsExactlyElementsOf(expected);
    }

    private static float[] unit(Random random) {
        float[] v = new float[DIMENSIONS];
        for (int i = 0; i < DIMENSIONS; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return Vectors.normalized(v);
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }
}
