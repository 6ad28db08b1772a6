package dev.weft.vector;

/**
 * The k best (score, row) pairs seen so far: a bounded min-heap over two primitive arrays, so
 * offering a candidate allocates nothing and costs O(1) when it does not beat the current k-th.
 */
final class TopK {

    private final float[] scores;
    private final int[] rows;
    private int size;

    TopK(int k) {
        this.scores = new float[k];
        this.rows = new int[k];
    }

    /** The score a candidate must beat once full; -infinity before. */
    float threshold() {
        return size < scores.length ? Float.NEGATIVE_INFINITY : scores[0];
    }

    void offer(float score, int row) {
        if (size < scores.length) {
            int i = size++;
            scores[i] = score;
            rows[i] = row;
            siftUp(i);
        } else if (score > scores[0]) {
            scores[0] = score;
            rows[0] = row;
            siftDown(0);
        }
    }

    void addAll(TopK other) {
        for (int i = 0; i < other.size; i++) {
            offer(other.scores[i], other.rows[i]);
        }
    }

    int size() {
        return size;
    }

    /** Rows best first, ties by lower row; empties the heap. */
    int[] drainBestFirst(float[] scoresOut) {
        int n = size;
        int[] out = new int[n];
        for (int i = n - 1; i >= 0; i--) {
            scoresOut[i] = scores[0];
            out[i] = rows[0];
            size--;
            if (size > 0) {
                scores[0] = scores[size];
                rows[0] = rows[size];
                siftDown(0);
            }
        }
        return out;
    }

    /** Min-heap order: lower score first; among equal scores the higher row, so the lower row survives. */
    private boolean less(int a, int b) {
        return scores[a] < scores[b] || (scores[a] == scores[b] && rows[a] > rows[b]);
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(i, parent)) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int left = 2 * i + 1;
            if (left >= size) {
                return;
            }
            int smallest = left + 1 < size && less(left + 1, left) ? left + 1 : left;
            if (!less(smallest, i)) {
                return;
            }
            swap(i, smallest);
            i = smallest;
        }
    }

    private void swap(int a, int b) {
        float s = scores[a];
        scores[a] = scores[b];
        scores[b] = s;
        int r = rows[a];
        rows[a] = rows[b];
        rows[b] = r;
    }
}
