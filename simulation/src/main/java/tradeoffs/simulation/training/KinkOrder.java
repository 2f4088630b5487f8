package tradeoffs.simulation.training;

/**
 * The kinks of {@link PiecewiseQuadraticFinish}'s exact line search in increasing t, ties in the
 * order they were found: a binary heap of their indices (Williams 1964; Floyd's O(K) build), popped
 * one at a time, since the walk usually stops after a few of the K kinks (the order of a stable
 * sort of all K, without sorting them all).
 *
 * <p>Not thread-safe: one instance per line search.
 */
final class KinkOrder {
    private final double[] t;
    private final int[] heap;
    private int size;

    KinkOrder(double[] t, int count) {
        this.t = t;
        this.heap = new int[count];
        this.size = count;
        for (int e = 0; e < count; e++) {
            heap[e] = e;
        }
        for (int e = count / 2 - 1; e >= 0; e--) {
            siftDown(e);
        }
    }

    /** The smallest t left (the heap must not be empty). */
    double peek() {
        return t[heap[0]];
    }

    /** Removes and returns the index of the smallest t left. */
    int poll() {
        int top = heap[0];
        heap[0] = heap[--size];
        siftDown(0);
        return top;
    }

    private boolean before(int a, int b) {
        return t[a] < t[b] || (t[a] == t[b] && a < b);
    }

    private void siftDown(int at) {
        int e = heap[at];
        while (true) {
            int child = 2 * at + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && before(heap[child + 1], heap[child])) {
                child++;
            }
            if (!before(heap[child], e)) {
                break;
            }
            heap[at] = heap[child];
            at = child;
        }
        heap[at] = e;
    }
}
