package tradeoffs.deep.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Input gradients of a {@link Classifier} (imported or built here) against central finite
 * differences, for the objective f(x) = Σ v·logits(x) (v fixed random weights) on {@value #BATCH}
 * random images and a step h = {@value #STEP}, fd(u) = (f(x + hu) − f(x − hu))/2h:
 * <ul>
 * <li>along the directions the attacks step in, u = sign(∇f) (ℓ∞) and u = √d·∇f/‖∇f‖₂ (ℓ2): the
 *     relative error |fd − ∇f·u| / (max(|fd|, |∇f·u|) + c) of autograd's own prediction;</li>
 * <li>along {@value #RANDOM_DIRECTIONS} random u ∈ {±1}^d: the root mean square of
 *     (fd − ∇f·u) / (‖∇f‖₂ + c), which estimates ‖∇f − ∇f_true‖₂/‖∇f‖₂ (for random ±1 directions
 *     E[(δ·u)²] = ‖δ‖₂²);</li>
 * </ul>
 * with c = 10⁻³(1 + |f(x)|). Wrong gradients (a numerical fault in the engine, or gradient
 * masking such as a detach inside the module) show up as errors of order 1; measured: correct
 * modules 10⁻⁵ (linear) to 0.04 (ReLU convolutions, kinks crossed by the step), the libtorch
 * 2.5.1 CPU convolution fault of docs/deep.md 0.67 to 2.3, a detached module 469.
 *
 * @param error  the largest of the errors above
 * @param passed whether it is at most {@value #TOLERANCE}: white-box attacks through the
 *               model are meaningful (else they follow wrong gradients, and robust accuracy is a
 *               loose upper bound that looks like robustness)
 */
public record GradientCheck(double error, boolean passed) {
    /** Images of the check's batch. */
    public static final int BATCH = 4;
    /** Directions of the gradient check (ℓ∞ and ℓ2 steepest ascent). */
    public static final int STEEPEST_DIRECTIONS = 2;
    /** Random ±1 directions of the gradient check. */
    public static final int RANDOM_DIRECTIONS = 8;
    /** Step of the central differences, in pixel units (an ℓ∞ step of this size). */
    public static final double STEP = 1e-3;
    /** The largest relative error the gradient check accepts. */
    public static final double TOLERANCE = 0.2;

    @Override
    public String toString() {
        return String.format(
                java.util.Locale.ROOT,
                "%s (relative error of autograd input gradients against " + "finite differences %.3g, limit %s)",
                passed ? "passed" : "FAILED",
                error,
                TOLERANCE);
    }

    /** Runs the check on {@code model}, with random images, weights and directions drawn with {@code seed}. */
    public static GradientCheck run(Classifier model, long seed) {
        int d = model.imageSize();
        int n = BATCH;
        int k = model.numClasses();
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        float[] px = new float[n * d];
        for (int i = 0; i < px.length; i++) {
            px[i] = (float) rng.nextDouble(0.1, 0.9);
        }
        float[] v = new float[n * k];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rng.nextDouble(-1, 1);
        }
        double worst = 0;
        try (NDManager m = model.manager().newSubManager()) {
            NDArray weights = m.create(v, new Shape(n, k));
            NDArray x = m.create(px, model.inputShape(n));
            x.setRequiresGradient(true);
            double f0;
            float[] g;
            try (GradientCollector gc = m.getEngine().newGradientCollector()) {
                NDArray f = model.logits(x, false).mul(weights).sum();
                f0 = f.getFloat();
                gc.backward(f);
                g = x.getGradient().toFloatArray();
            }
            double l2 = 0;
            for (float gi : g) {
                l2 += (double) gi * gi;
            }
            l2 = Math.sqrt(l2);
            double sumSq = 0;
            for (int r = 0; r < STEEPEST_DIRECTIONS + RANDOM_DIRECTIONS; r++) {
                float[] plus = px.clone();
                float[] minus = px.clone();
                double gu = 0;
                for (int i = 0; i < px.length; i++) {
                    // r = 0: the ℓ∞ attack direction sign(g); r = 1: the ℓ2 direction g, scaled to ‖u‖₂ = √d;
                    // then random directions in {±1}^d.
                    double u = r == 0
                            ? Math.signum(g[i])
                            : r == 1 ? (l2 > 0 ? g[i] * Math.sqrt(px.length) / l2 : 0) : rng.nextBoolean() ? 1 : -1;
                    plus[i] = (float) (px[i] + STEP * u);
                    minus[i] = (float) (px[i] - STEP * u);
                    gu += g[i] * u;
                }
                double fp = objective(model, m, plus, weights, n);
                double fm = objective(model, m, minus, weights, n);
                double fd = (fp - fm) / (2 * STEP);
                if (r < STEEPEST_DIRECTIONS) {
                    double rel = Math.abs(fd - gu) / (Math.max(Math.abs(fd), Math.abs(gu)) + 1e-3 * (1 + Math.abs(f0)));
                    worst = Math.max(worst, Double.isNaN(rel) ? Double.POSITIVE_INFINITY : rel);
                } else {
                    double e = (fd - gu) / (l2 + 1e-3 * (1 + Math.abs(f0)));
                    sumSq += e * e;
                }
            }
            double rms = Math.sqrt(sumSq / RANDOM_DIRECTIONS);
            worst = Math.max(worst, Double.isNaN(rms) ? Double.POSITIVE_INFINITY : rms);
        }
        return new GradientCheck(worst, worst <= TOLERANCE);
    }

    private static double objective(Classifier model, NDManager m, float[] px, NDArray weights, int n) {
        return model.logits(m.create(px, model.inputShape(n)), false)
                .mul(weights)
                .sum()
                .getFloat();
    }
}
