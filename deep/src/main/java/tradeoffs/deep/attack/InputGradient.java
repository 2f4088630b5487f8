package tradeoffs.deep.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import java.util.function.UnaryOperator;
import tradeoffs.deep.device.Autograd;
import tradeoffs.deep.model.Classifier;

/**
 * One forward (and optionally backward) pass of a classifier in inference mode on a batch that
 * stays on the model's device: the logits, the per-example objective and its gradient with respect
 * to the input pixels. The only place attacks touch autograd, so its rules live here: gradients
 * recorded for the calling thread only ({@link Autograd}, so several threads may attack different
 * models), and parameter gradients switched off by the caller (see
 * {@link Classifier#parameterGradients(boolean)}) so an attack neither pays for nor pollutes them.
 */
public final class InputGradient {

    /**
     * @param logits the logits (N, K)
     * @param objective the objective per example (N)
     * @param gradient ∂objective_i/∂x_i (N, C, H, W), or null when not asked for
     */
    public record Pass(NDArray logits, NDArray objective, NDArray gradient) {}

    /** What an attack maximises per example, from logits (N, K) and one-hot labels (N, K). */
    @FunctionalInterface
    public interface Objective {
        NDArray apply(NDArray logits, NDArray oneHotLabels, NDManager manager);
    }

    /**
     * One pass copied to the JVM (for tests and checks; attacks stay on the device).
     *
     * @param gradient ∂objective_i/∂x_i per example (n·C·H·W), or null when not asked for
     * @param predictions argmax of the logits
     * @param objective the objective per example
     */
    public record Evaluation(float[] gradient, int[] predictions, double[] objective) {}

    private InputGradient() {}

    /**
     * {@link #pass} on n images given as n·C·H·W floats with their labels, the results copied to the
     * JVM; parameter gradients are switched off for the pass.
     */
    public static Evaluation evaluate(
            Classifier model, float[] images, int[] labels, Objective objective, boolean withGradient) {
        try (NDManager m = model.manager().newSubManager()) {
            NDArray x = m.create(images, model.inputShape(labels.length));
            NDArray oneHot = oneHot(m, labels, model.numClasses());
            model.parameterGradients(false);
            Pass p;
            try {
                p = pass(model, x, logits -> objective.apply(logits, oneHot, m), withGradient, 0);
            } finally {
                model.parameterGradients(true);
            }
            long[] argMax = p.logits().argMax(1).toLongArray();
            int[] predictions = new int[argMax.length];
            for (int i = 0; i < argMax.length; i++) {
                predictions[i] = (int) argMax[i];
            }
            return new Evaluation(
                    withGradient ? p.gradient().toFloatArray() : null,
                    predictions,
                    p.objective()
                            .toType(ai.djl.ndarray.types.DataType.FLOAT64, false)
                            .toDoubleArray());
        }
    }

    /**
     * Runs the model on {@code input} (N, C, H, W) (a CNN trained here by {@link CnnLogits}, which
     * gives the block's logits and input gradients bit for bit in less time) and, with
     * {@code withGradient}, differentiates
     * Σ_i objective_i with respect to the input. Each example's gradient is its own objective's,
     * since in inference mode examples do not interact. With {@code minRows} &gt; N the batch is
     * padded with copies of its first image to {@code minRows} rows (the extra rows are dropped from
     * every output): on the CPU, PyTorch takes other kernels for batches of one to three images, whose
     * results differ in the last bits from the same image in a larger batch. Arrays the pass creates
     * belong to {@code input}'s manager.
     */
    public static Pass pass(
            Classifier model, NDArray input, UnaryOperator<NDArray> objective, boolean withGradient, int minRows) {
        long n = input.getShape().get(0);
        NDArray x = input;
        if (n < minRows) {
            x = input.concat(input.get(new NDIndex("0:1")).repeat(0, minRows - n), 0);
        }
        if (!withGradient) {
            NDArray logits = trim(CnnLogits.of(model, x), n);
            return new Pass(logits, objective.apply(logits), null);
        }
        x.setRequiresGradient(true);
        try (Autograd g = Autograd.record()) {
            NDArray logits = trim(CnnLogits.of(model, x), n);
            NDArray o = objective.apply(logits);
            g.backward(o.sum());
            return new Pass(logits, o, trim(x.getGradient(), n));
        }
    }

    private static NDArray trim(NDArray a, long n) {
        return a.getShape().get(0) == n ? a : a.get(new NDIndex("0:" + n));
    }

    /** One-hot rows (n, k) of float32 for integer labels, on {@code m}'s device. */
    public static NDArray oneHot(NDManager m, int[] labels, int k) {
        return labels(m, labels).oneHot(k, DataType.FLOAT32);
    }

    /** The labels as an int64 vector on {@code m}'s device. */
    public static NDArray labels(NDManager m, int[] labels) {
        long[] l = new long[labels.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = labels[i];
        }
        return m.create(l);
    }
}
