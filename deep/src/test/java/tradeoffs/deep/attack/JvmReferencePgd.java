package tradeoffs.deep.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import tradeoffs.deep.model.Classifier;

/**
 * A plain JVM implementation of one PGD restart, written from the step rules in {@link Pgd}'s
 * Javadoc the way the project computed them before the attack moved onto the device: δ as a double
 * array on the JVM, the input gradient copied back at every step, loops in index order, the ℓ1
 * projection by {@link L1BallBoxProjection}'s JVM walk. The reference the device implementation is
 * compared with; it shares only the random starts ({@link Pgd#drawStarts}) and the model's forward
 * and backward pass.
 */
public final class JvmReferencePgd {
    private JvmReferencePgd() {}

    /** The final iterates of one restart of {@code pgd} maximising its loss, as n·C·H·W floats. */
    public static float[] finalIterates(Pgd pgd, Classifier model, float[] x, int[] y, UniformRandomProvider rng) {
        int n = y.length;
        int d = model.imageSize();
        double[] delta = pgd.randomStart() ? pgd.drawStarts(n, d, rng) : new double[n * d];
        project(pgd, delta, x, n, d);
        float[] current = new float[n * d];
        model.parameterGradients(false);
        try {
            for (int t = 0; t < pgd.steps(); t++) {
                compose(x, delta, current);
                float[] g = gradient(pgd, model, current, y);
                ascend(pgd, delta, g, x, n, d);
                project(pgd, delta, x, n, d);
            }
        } finally {
            model.parameterGradients(true);
        }
        compose(x, delta, current);
        return current;
    }

    static void compose(float[] x, double[] delta, float[] out) {
        for (int i = 0; i < x.length; i++) {
            float v = (float) (x[i] + delta[i]);
            out[i] = v < 0f ? 0f : (v > 1f ? 1f : v);
        }
    }

    static float[] gradient(Pgd pgd, Classifier model, float[] images, int[] y) {
        try (NDManager m = model.manager().newSubManager()) {
            NDArray xs = m.create(images, model.inputShape(y.length));
            NDArray oneHot = InputGradient.oneHot(m, y, model.numClasses());
            return InputGradient.pass(model, xs, logits -> pgd.loss().objective(logits, oneHot), true, 0)
                    .gradient()
                    .toFloatArray();
        }
    }

    static void ascend(Pgd pgd, double[] delta, float[] g, float[] x, int n, int d) {
        double a = pgd.stepSize();
        switch (pgd.norm()) {
            case LINF -> {
                for (int i = 0; i < delta.length; i++) {
                    delta[i] += a * Math.signum(g[i]);
                }
            }
            case L2 -> {
                for (int r = 0; r < n; r++) {
                    double s = 0;
                    for (int i = r * d; i < (r + 1) * d; i++) {
                        s += (double) g[i] * g[i];
                    }
                    if (s > 0) {
                        double k = a / Math.sqrt(s);
                        for (int i = r * d; i < (r + 1) * d; i++) {
                            delta[i] += k * g[i];
                        }
                    }
                }
            }
            case L1 -> {
                int k = pgd.slideCount(d);
                double[] abs = new double[d];
                for (int r = 0; r < n; r++) {
                    int off = r * d;
                    for (int i = 0; i < d; i++) {
                        double v = x[off + i] + delta[off + i];
                        double gi = g[off + i];
                        boolean stuck = (v >= 1 && gi > 0) || (v <= 0 && gi < 0);
                        abs[i] = stuck ? 0 : Math.abs(gi);
                    }
                    double[] sorted = abs.clone();
                    Arrays.sort(sorted);
                    double cut = sorted[d - k] > 0 ? sorted[d - k] : Double.MIN_VALUE;
                    int count = 0;
                    for (double v : abs) {
                        count += v >= cut ? 1 : 0;
                    }
                    for (int i = 0; i < d && count > 0; i++) {
                        if (abs[i] >= cut) {
                            delta[off + i] += a / count * Math.signum(g[off + i]);
                        }
                    }
                }
            }
        }
    }

    static void project(Pgd pgd, double[] delta, float[] x, int n, int d) {
        double eps = pgd.eps();
        switch (pgd.norm()) {
            case LINF -> {
                for (int i = 0; i < delta.length; i++) {
                    delta[i] = Math.min(Math.max(delta[i], Math.max(-eps, -x[i])), Math.min(eps, 1.0 - x[i]));
                }
            }
            case L2 -> {
                for (int r = 0; r < n; r++) {
                    double nrm = PerturbationNorm.L2.norm(delta, r * d, d);
                    double k = nrm > eps ? eps / nrm : 1;
                    for (int i = r * d; i < (r + 1) * d; i++) {
                        delta[i] = Math.min(Math.max(delta[i] * k, -x[i]), 1.0 - x[i]);
                    }
                }
            }
            case L1 -> L1BallBoxProjection.projectBatch(delta, x, n, d, eps);
        }
    }
}
