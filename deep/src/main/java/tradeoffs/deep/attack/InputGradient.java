package tradeoffs.deep.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import tradeoffs.deep.model.Classifier;

/**
 * One forward (and optionally backward) pass of a classifier on a batch, with the model in
 * inference mode: predictions, the per-example objective and its gradient with respect to the
 * input pixels. The only place attacks touch DJL's autograd, so the rules live here: one gradient
 * collector at a time, parameters switched off by the caller (see
 * {@link Classifier#parameterGradients(boolean)}).
 */
public final class InputGradient {

    /** What an attack maximises per example, from logits (N, K) and one-hot labels (N, K). */
    @FunctionalInterface
    public interface Objective {
        NDArray apply(NDArray logits, NDArray oneHotLabels, NDManager manager);
    }

    /**
     * @param gradient ∂objective_i/∂x_i per example (n·C·H·W), or null when not asked for
     * @param predictions argmax of the logits
     * @param objective the objective per example
     */
    public record Evaluation(float[] gradient, int[] predictions, double[] objective) {
    }

    private InputGradient() {
    }

    /** Evaluates the classifier on n images (n·C·H·W floats). */
    public static Evaluation evaluate(Classifier model, float[] images, int[] labels, Objective objective,
            boolean withGradient) {
        int n = labels.length;
        try (NDManager m = model.manager().newSubManager()) {
            NDArray x = m.create(images, model.inputShape(n));
            NDArray oneHot = oneHot(m, labels, model.numClasses());
            if (!withGradient) {
                NDArray logits = model.logits(x, false);
                NDArray o = objective.apply(logits, oneHot, m);
                return new Evaluation(null, argMax(logits), toDoubles(o));
            }
            x.setRequiresGradient(true);
            try (GradientCollector gc = m.getEngine().newGradientCollector()) {
                NDArray logits = model.logits(x, false);
                NDArray o = objective.apply(logits, oneHot, m);
                gc.backward(o.sum());
                return new Evaluation(x.getGradient().toFloatArray(), argMax(logits), toDoubles(o));
            }
        }
    }

    /** One-hot rows (n, k) of float32 for integer labels. */
    public static NDArray oneHot(NDManager m, int[] labels, int k) {
        long[] l = new long[labels.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = labels[i];
        }
        return m.create(l).oneHot(k, DataType.FLOAT32);
    }

    static int[] argMax(NDArray logits) {
        long[] idx = logits.argMax(1).toType(DataType.INT64, false).toLongArray();
        int[] out = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = (int) idx[i];
        }
        return out;
    }

    private static double[] toDoubles(NDArray a) {
        float[] f = a.toType(DataType.FLOAT32, false).toFloatArray();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
