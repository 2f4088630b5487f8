package tradeoffs.deep.bridge;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import tradeoffs.deep.attack.PerturbationNorm;
import tradeoffs.deep.attack.Pgd;
import tradeoffs.theory.ParameterException;
import tradeoffs.theory.norm.LpBall;
import tradeoffs.theory.norm.LpNorm;

/**
 * PGD on the squared loss of a linear regressor, the inner maximisation of adversarial training
 * (Madry et al. 2018) for regression: per example, projected steepest ascent of
 * L(δ) = (y − wᵀ(x + δ))² over the ball ‖δ‖_p ≤ ε, the gradient ∇_δ L coming from DJL's autograd.
 *
 * <p>Step (steepest ascent for the norm): δ ← Π(δ + α·u*(∇_δ L)), u*(g) ∈ argmax_{‖u‖_p ≤ 1} uᵀg
 * ({@link LpNorm#worstCaseDirection}: sign(g) for ℓ∞, g/‖g‖₂ for ℓ2, the largest coordinate of
 * g for ℓ1, which is what the SLIDE step does on two features); Π is the Euclidean projection
 * onto the ball ({@link LpBall}: clipping for ℓ∞, scaling for ℓ2, the exact sort-based
 * projection for ℓ1).
 *
 * <p>The start is δ = 0, not a random point (the deep attacks' default): L is convex in δ, so its
 * maximum over the ball has a spurious local maximum at the opposite vertex, and a random start
 * with sign(y − wᵀ(x+δ₀)) ≠ sign(y − wᵀx) climbs to it. From δ = 0 the first step is
 * −sign(r)·α·u*(w) (r = y − wᵀx, u* odd and 1-homogeneous), every later step keeps that direction
 * and only grows |r|, and once α·k ≥ ε the iterate is the exact maximiser
 * δ* = −sign(r)·ε·u*(w) of docs/math.md §2.1 [derived], so the adversarial loss is
 * (|r| + ε‖w‖_q)². With the default step α = 2.5ε/steps ({@link Pgd#defaultStepSize}) that takes
 * ⌈steps/2.5⌉ steps.
 *
 * @param norm     the ball's norm p
 * @param eps      the radius ε ≥ 0 (0: no perturbation)
 * @param steps    ascent steps (≥ 1)
 * @param stepSize α &gt; 0
 */
public record RegressionPgd(PerturbationNorm norm, double eps, int steps, double stepSize) {
    public RegressionPgd {
        if (norm == null) {
            throw new ParameterException("norm", "must be given (l1, l2 or linf)", null);
        }
        ParameterException.requireNonNegative("eps", eps);
        ParameterException.requireAtLeast("pgd_steps", steps, 1);
        ParameterException.requirePositive("pgd_step_size", stepSize);
    }

    /** PGD with Madry et al.'s step size 2.5·ε/steps. */
    public static RegressionPgd of(PerturbationNorm norm, double eps, int steps) {
        return new RegressionPgd(norm, eps, steps, Pgd.defaultStepSize(eps, steps));
    }

    /**
     * The perturbations of a batch: {@code x} of shape (b, d), {@code y} of shape (b, 1), the
     * weights {@code w} (length d) held fixed. Returns δ row-major (b·d values, float as the
     * model's inputs). Creates its NDArrays in a sub-manager of x's and frees them.
     */
    public float[] perturb(NDArray x, NDArray y, double[] w) {
        int b = Math.toIntExact(x.getShape().get(0));
        int d = Math.toIntExact(x.getShape().get(1));
        if (w.length != d) {
            throw new IllegalArgumentException("w must have length " + d + " (got " + w.length + ")");
        }
        if (eps == 0) {
            return new float[b * d];
        }
        double[] delta = new double[b * d];
        LpNorm p = norm.lp();
        try (NDManager m = x.getManager().newSubManager()) {
            NDArray weights = m.create(toFloat(w), new Shape(d, 1));
            double[] g = new double[d];
            for (int t = 0; t < steps; t++) {
                float[] grad = gradient(m, x, y, weights, toFloat(delta), b, d);
                for (int i = 0; i < b; i++) {
                    int off = i * d;
                    for (int j = 0; j < d; j++) {
                        g[j] = grad[off + j];
                    }
                    double[] u = p.worstCaseDirection(g);
                    for (int j = 0; j < d; j++) {
                        delta[off + j] += stepSize * u[j];
                    }
                    LpBall.project(p, delta, off, d, eps);
                }
            }
        }
        return toFloat(delta);
    }

    /** ∇_δ Σ_i (y_i − wᵀ(x_i + δ_i))², by DJL autograd, row-major. */
    private static float[] gradient(NDManager m, NDArray x, NDArray y, NDArray w, float[] delta, int b, int d) {
        NDArray dl = m.create(delta, new Shape(b, d));
        dl.setRequiresGradient(true);
        try (GradientCollector gc = m.getEngine().newGradientCollector()) {
            NDArray residual = y.sub(x.add(dl).matMul(w));
            gc.backward(residual.square().sum());
        }
        return dl.getGradient().toFloatArray();
    }

    static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = (float) a[i];
        }
        return f;
    }

    /** A short description for tables and logs. */
    public String describe() {
        return "pgd-" + norm.id() + "(eps=" + eps + ",steps=" + steps + ",step=" + stepSize + ",start=0)";
    }
}
