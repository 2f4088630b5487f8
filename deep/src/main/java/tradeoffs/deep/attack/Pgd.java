package tradeoffs.deep.attack;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import tradeoffs.deep.model.Classifier;

/**
 * Projected gradient ascent on the attack objective inside {‖δ‖_p ≤ ε} ∩ {0 ≤ x + δ ≤ 1}
 * (Madry et al. 2018), batched, with random starts and restarts.
 *
 * <p>Steps, per example, with g the input gradient of the objective and α the step size:
 * <ul>
 * <li>ℓ∞: δ ← δ + α·sign(g), then the exact projection onto the intersection of the two boxes,
 *     δ_i ∈ [max(−ε, −x_i), min(ε, 1 − x_i)];</li>
 * <li>ℓ2: δ ← δ + α·g/‖g‖₂, then scaling onto the ball and clipping to the pixel box (clipping
 *     only shrinks |δ_i|, so the result stays in the ball);</li>
 * <li>ℓ1: the SLIDE step of Tramèr &amp; Boneh 2019 (THEORY.md §2 [code]): ignore coordinates
 *     already at the pixel bound in the gradient's direction, keep the coordinates whose |g_i| is at
 *     or above the {@code l1Sparsity}-th percentile, step δ ← δ + α·e with e = sign(g) on those
 *     coordinates normalised to ‖e‖₁ = 1, then the exact projection onto the ℓ1 ball ∩ pixel box
 *     ({@link L1BallBoxProjection}).</li>
 * </ul>
 * FGSM (Goodfellow et al. 2015) is one ℓ∞ step of size ε from δ = 0 ({@link #fgsm}).
 *
 * <p>An example counts as fooled when any visited iterate of any restart is misclassified. The
 * returned image per example is the final iterate of the restart that did most damage (a fooling
 * final iterate first, then the larger objective). Restart r consumes the random stream after
 * restarts 1..r−1, so with the same stream the first R restarts of a run with R' &gt; R restarts are
 * the same as a run with R restarts.
 *
 * @param norm the ball's norm
 * @param eps the radius ε ≥ 0
 * @param steps gradient steps per restart (≥ 1)
 * @param stepSize α &gt; 0
 * @param randomStart start from a uniform point of the ball (projected onto the pixel box)
 * @param restarts independent runs (≥ 1); random starts make them differ
 * @param loss the objective maximised
 * @param l1Sparsity the SLIDE percentile q ∈ [0, 100) for ℓ1 (default 99)
 */
public record Pgd(PerturbationNorm norm, double eps, int steps, double stepSize, boolean randomStart,
        int restarts, AttackLoss loss, double l1Sparsity) implements Attack {

    /** Default SLIDE percentile (Tramèr &amp; Boneh 2019). */
    public static final double DEFAULT_L1_SPARSITY = 99;

    public Pgd {
        if (norm == null || loss == null) {
            throw new IllegalArgumentException("norm and loss are required");
        }
        if (!(eps >= 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("--eps must be >= 0 (got " + eps + ")");
        }
        if (steps < 1) {
            throw new IllegalArgumentException("--steps must be >= 1 (got " + steps + ")");
        }
        if (!(stepSize > 0) || Double.isInfinite(stepSize)) {
            throw new IllegalArgumentException("--step-size must be > 0 (got " + stepSize + ")");
        }
        if (restarts < 1) {
            throw new IllegalArgumentException("--restarts must be >= 1 (got " + restarts + ")");
        }
        if (!(l1Sparsity >= 0 && l1Sparsity < 100)) {
            throw new IllegalArgumentException("--l1-sparsity must be in [0, 100) (got " + l1Sparsity + ")");
        }
    }

    /**
     * PGD with the usual defaults: step size 2.5·ε/steps (Madry et al. 2018), a random start,
     * one restart, cross-entropy, SLIDE percentile 99.
     */
    public static Pgd of(PerturbationNorm norm, double eps, int steps) {
        return new Pgd(norm, eps, steps, defaultStepSize(eps, steps), true, 1, AttackLoss.CROSS_ENTROPY,
                DEFAULT_L1_SPARSITY);
    }

    /** 2.5·ε/steps, or a tiny positive step when ε = 0 (the ball is a point, any step is projected away). */
    public static double defaultStepSize(double eps, int steps) {
        return eps > 0 ? 2.5 * eps / steps : 1e-12;
    }

    /** FGSM: one ℓ∞ step of size ε from δ = 0, cross-entropy. */
    public static Pgd fgsm(double eps) {
        return new Pgd(PerturbationNorm.LINF, eps, 1, eps > 0 ? eps : 1e-12, false, 1,
                AttackLoss.CROSS_ENTROPY, DEFAULT_L1_SPARSITY);
    }

    public Pgd withLoss(AttackLoss l) {
        return new Pgd(norm, eps, steps, stepSize, randomStart, restarts, l, l1Sparsity);
    }

    public Pgd withRestarts(int r) {
        return new Pgd(norm, eps, steps, stepSize, randomStart, r, loss, l1Sparsity);
    }

    public Pgd withSteps(int s) {
        return new Pgd(norm, eps, s, stepSize, randomStart, restarts, loss, l1Sparsity);
    }

    public Pgd withEps(double e) {
        return new Pgd(norm, e, steps, stepSize, randomStart, restarts, loss, l1Sparsity);
    }

    public Pgd withRandomStart(boolean r) {
        return new Pgd(norm, eps, steps, stepSize, r, restarts, loss, l1Sparsity);
    }

    public Pgd withStepSize(double a) {
        return new Pgd(norm, eps, steps, a, randomStart, restarts, loss, l1Sparsity);
    }

    @Override
    public AttackResult attack(Classifier model, float[] images, int[] labels, UniformRandomProvider rng) {
        return run(model, images, labels, rng, (logits, oneHot, m) -> loss.objective(logits, oneHot));
    }

    /** Runs PGD maximising {@code objective}. */
    AttackResult run(Classifier model, float[] images, int[] labels, UniformRandomProvider rng,
            InputGradient.Objective objective) {
        int n = labels.length;
        int d = model.imageSize();
        if (images.length != n * d) {
            throw new IllegalArgumentException("images has " + images.length + " values, expected " + n + "·" + d);
        }
        boolean[] fooled = new boolean[n];
        float[] best = images.clone();
        double[] bestObjective = new double[n];
        Arrays.fill(bestObjective, Double.NEGATIVE_INFINITY);
        boolean[] bestFooled = new boolean[n];
        float[] current = new float[n * d];
        model.parameterGradients(false);
        try {
            for (int r = 0; r < restarts; r++) {
                double[] delta = new double[n * d];
                if (randomStart) {
                    randomStart(delta, images, n, d, rng);
                }
                for (int t = 0; t < steps; t++) {
                    compose(images, delta, current);
                    InputGradient.Evaluation ev = InputGradient.evaluate(model, current, labels, objective, true);
                    markFooled(ev.predictions(), labels, fooled);
                    step(delta, ev.gradient(), images, n, d);
                }
                compose(images, delta, current);
                InputGradient.Evaluation last = InputGradient.evaluate(model, current, labels, objective, false);
                markFooled(last.predictions(), labels, fooled);
                for (int i = 0; i < n; i++) {
                    boolean f = last.predictions()[i] != labels[i];
                    double o = last.objective()[i];
                    if ((f && !bestFooled[i]) || (f == bestFooled[i] && o > bestObjective[i])) {
                        bestFooled[i] = f;
                        bestObjective[i] = o;
                        System.arraycopy(current, i * d, best, i * d, d);
                    }
                }
            }
        } finally {
            model.parameterGradients(true);
        }
        return new AttackResult(best, fooled, bestObjective);
    }

    /** x + δ, clipped to [0, 1] in float (clipping only moves towards x, so the ball still holds). */
    static void compose(float[] x, double[] delta, float[] out) {
        for (int i = 0; i < x.length; i++) {
            float v = (float) (x[i] + delta[i]);
            out[i] = v < 0f ? 0f : (v > 1f ? 1f : v);
        }
    }

    private static void markFooled(int[] predictions, int[] labels, boolean[] fooled) {
        for (int i = 0; i < labels.length; i++) {
            if (predictions[i] != labels[i]) {
                fooled[i] = true;
            }
        }
    }

    /** One ascent step and projection, in place on δ. */
    void step(double[] delta, float[] g, float[] x, int n, int d) {
        switch (norm) {
            case LINF -> {
                for (int i = 0; i < delta.length; i++) {
                    delta[i] += stepSize * Math.signum(g[i]);
                }
            }
            case L2 -> {
                for (int r = 0; r < n; r++) {
                    double s = 0;
                    for (int i = r * d; i < (r + 1) * d; i++) {
                        s += (double) g[i] * g[i];
                    }
                    if (s > 0) {
                        double k = stepSize / Math.sqrt(s);
                        for (int i = r * d; i < (r + 1) * d; i++) {
                            delta[i] += k * g[i];
                        }
                    }
                }
            }
            case L1 -> slideStep(delta, g, x, n, d);
        }
        project(delta, x, n, d);
    }

    private void slideStep(double[] delta, float[] g, float[] x, int n, int d) {
        double[] abs = new double[d];
        double[] sorted = new double[d];
        int k = slideCount(d);
        for (int r = 0; r < n; r++) {
            int off = r * d;
            for (int i = 0; i < d; i++) {
                double v = x[off + i] + delta[off + i];
                double gi = g[off + i];
                // A coordinate at the pixel bound cannot move further in the gradient's direction.
                boolean stuck = (v >= 1 && gi > 0) || (v <= 0 && gi < 0);
                abs[i] = stuck ? 0 : Math.abs(gi);
            }
            System.arraycopy(abs, 0, sorted, 0, d);
            Arrays.sort(sorted);
            double cut = sorted[d - k];
            if (cut <= 0) {
                cut = Double.MIN_VALUE; // only coordinates with a non-zero gradient take part
            }
            int count = 0;
            for (int i = 0; i < d; i++) {
                if (abs[i] >= cut) {
                    count++;
                }
            }
            if (count == 0) {
                continue;
            }
            double a = stepSize / count;
            for (int i = 0; i < d; i++) {
                if (abs[i] >= cut) {
                    delta[off + i] += a * Math.signum(g[off + i]);
                }
            }
        }
    }

    /**
     * How many coordinates a SLIDE step moves at least: ⌈(100 − q)·d/100⌉, at least 1 (the small
     * slack keeps 1% of 100 coordinates at exactly 1 despite rounding).
     */
    int slideCount(int d) {
        return Math.max(1, (int) Math.ceil((100 - l1Sparsity) * d / 100.0 - 1e-9));
    }

    /** Projection onto the ball ∩ pixel box, in place. */
    void project(double[] delta, float[] x, int n, int d) {
        switch (norm) {
            case LINF -> {
                for (int i = 0; i < delta.length; i++) {
                    double lo = Math.max(-eps, -x[i]);
                    double hi = Math.min(eps, 1.0 - x[i]);
                    delta[i] = Math.min(Math.max(delta[i], lo), hi);
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

    /**
     * A uniform point of the ε-ball per example, then projected onto the pixel box. ℓ∞: i.i.d.
     * U(−ε, ε). ℓ2: a Gaussian direction times ε·U^{1/d}. ℓ1: i.i.d. Laplace coordinates normalised
     * to the unit sphere (uniform on the ℓ1 sphere) times ε·U^{1/d}.
     */
    void randomStart(double[] delta, float[] x, int n, int d, UniformRandomProvider rng) {
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        ZigguratSampler.Exponential expo = ZigguratSampler.Exponential.of(rng);
        for (int r = 0; r < n; r++) {
            int off = r * d;
            switch (norm) {
                case LINF -> {
                    for (int i = 0; i < d; i++) {
                        delta[off + i] = eps * (2 * rng.nextDouble() - 1);
                    }
                }
                case L2, L1 -> {
                    for (int i = 0; i < d; i++) {
                        delta[off + i] = norm == PerturbationNorm.L2 ? gauss.sample()
                                : (rng.nextBoolean() ? 1 : -1) * expo.sample();
                    }
                    double nrm = norm.norm(delta, off, d);
                    double radius = eps * Math.pow(rng.nextDouble(), 1.0 / d);
                    for (int i = 0; i < d; i++) {
                        delta[off + i] = nrm > 0 ? delta[off + i] * radius / nrm : 0;
                    }
                }
            }
        }
        project(delta, x, n, d);
    }

    @Override
    public String describe() {
        return "pgd-" + norm.id() + "(eps=" + eps + ",steps=" + steps + ",step=" + stepSize + ",restarts="
                + restarts + (randomStart ? ",random-start" : "") + "," + loss.id() + ")";
    }
}
