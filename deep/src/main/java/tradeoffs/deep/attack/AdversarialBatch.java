package tradeoffs.deep.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * The outcome of attacking a batch of N images, on the model's device.
 *
 * @param images the perturbed images (N, C, H, W), float32 in [0, 1]: per example the final iterate
 *     of the trajectory (restart, target class) that did most damage
 * @param fooled per example, whether any point the attack visited (every iterate of every
 *     trajectory) was misclassified (boolean)
 * @param objective per example, the attack objective at {@code images} (float64)
 */
public record AdversarialBatch(NDArray images, NDArray fooled, NDArray objective) implements AutoCloseable {

    /** The images, which the caller now owns; the other arrays are closed. */
    public NDArray takeImages() {
        fooled.close();
        objective.close();
        return images;
    }

    /** A copy on the JVM. */
    public AttackResult toJvm() {
        double[] o = objective.toDoubleArray();
        return new AttackResult(images.toFloatArray(), fooled.toBooleanArray(), o);
    }

    @Override
    public void close() {
        images.close();
        fooled.close();
        objective.close();
    }

    /**
     * Combines R restarts of n examples (rows (first + r)·n + i, r &lt; R): fooled if any restart was; the image and
     * objective of the first restart that did most damage (a misclassified final iterate first,
     * then the larger objective), as the restarts were compared one after the other.
     */
    static AdversarialBatch bestRestart(PgdEngine.Outcome rows, int n, int first, int restarts) {
        NDArray fooled = slice(rows.fooled(), first, n);
        NDArray bestFooled = slice(rows.finalFooled(), first, n);
        NDArray best = slice(rows.objective(), first, n);
        NDArray images = slice(rows.images(), first, n);
        for (int r = first + 1; r < first + restarts; r++) {
            NDArray f = slice(rows.finalFooled(), r, n);
            NDArray o = slice(rows.objective(), r, n);
            NDArray better = f.logicalAnd(bestFooled.logicalNot())
                    .logicalOr(f.eq(bestFooled).logicalAnd(o.gt(best)));
            fooled = fooled.logicalOr(slice(rows.fooled(), r, n));
            bestFooled = NDArrays.where(better, f, bestFooled);
            best = NDArrays.where(better, o, best);
            images = pick(better, slice(rows.images(), r, n), images);
        }
        return new AdversarialBatch(images, fooled, best);
    }

    /**
     * Keeps per example the candidate with the largest objective (the first on ties): for each
     * example i, candidate c wins over the current best when objective_c[i] &gt; best[i]. Fooled is
     * the union.
     */
    public static AdversarialBatch largestObjective(java.util.List<AdversarialBatch> candidates) {
        AdversarialBatch first = candidates.get(0);
        NDArray fooled = first.fooled().duplicate();
        NDArray best = first.objective().duplicate();
        NDArray images = first.images().duplicate();
        for (int c = 1; c < candidates.size(); c++) {
            AdversarialBatch b = candidates.get(c);
            NDArray better = b.objective().gt(best);
            fooled = fooled.logicalOr(b.fooled());
            best = NDArrays.where(better, b.objective(), best);
            images = pick(better, b.images(), images);
        }
        return new AdversarialBatch(images, fooled, best);
    }

    /** Per example (first axis), {@code a} where {@code choose}, else {@code b}. */
    static NDArray pick(NDArray choose, NDArray a, NDArray b) {
        Shape s = a.getShape();
        long[] ones = new long[s.dimension()];
        java.util.Arrays.fill(ones, 1);
        ones[0] = s.get(0);
        return NDArrays.where(choose.reshape(new Shape(ones)).broadcast(s), a, b);
    }

    private static NDArray slice(NDArray a, int block, int n) {
        return a.get(new NDIndex((long) block * n + ":" + (long) (block + 1) * n));
    }
}
