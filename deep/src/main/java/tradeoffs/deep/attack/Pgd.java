package tradeoffs.deep.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import tradeoffs.deep.model.Classifier;
import tradeoffs.theory.ParameterException;

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
 * <li>ℓ1: the SLIDE step of Tramèr &amp; Boneh 2019: ignore coordinates
 *     already at the pixel bound in the gradient's direction, keep the coordinates whose |g_i| is at
 *     or above the {@code l1Sparsity}-th percentile, step δ ← δ + α·e with e = sign(g) on those
 *     coordinates normalised to ‖e‖₁ = 1, then the exact projection onto the ℓ1 ball ∩ pixel box
 *     ({@link L1BallBoxProjection}).</li>
 * </ul>
 * FGSM (Goodfellow et al. 2015) is one ℓ∞ step of size ε from δ = 0 ({@link #fgsm}).
 *
 * <p>Everything runs on the model's device ({@link PgdEngine}): δ, the steps, the projections
 * (including the exact ℓ1 ∩ box projection) and the bookkeeping of restarts are tensor operations,
 * and the input gradient never leaves the device. Random starts are drawn on the JVM from the
 * caller's stream and cross to the device once per attack.
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
public record Pgd(
        PerturbationNorm norm,
        double eps,
        int steps,
        double stepSize,
        boolean randomStart,
        int restarts,
        AttackLoss loss,
        double l1Sparsity)
        implements Attack {

    /** Default SLIDE percentile (Tramèr &amp; Boneh 2019). */
    public static final double DEFAULT_L1_SPARSITY = 99;

    public Pgd {
        if (norm == null) {
            throw new ParameterException("norm", "is required", null);
        }
        if (loss == null) {
            throw new ParameterException("loss", "is required", null);
        }
        ParameterException.requireNonNegative("eps", eps);
        ParameterException.requireAtLeast("steps", steps, 1);
        ParameterException.requirePositive("step_size", stepSize);
        ParameterException.requireAtLeast("restarts", restarts, 1);
        if (!(l1Sparsity >= 0 && l1Sparsity < 100)) {
            throw new ParameterException("l1_sparsity", "must be in [0, 100)", l1Sparsity);
        }
    }

    /**
     * PGD with the usual defaults: step size 2.5·ε/steps (Madry et al. 2018), a random start,
     * one restart, cross-entropy, SLIDE percentile 99.
     */
    public static Pgd of(PerturbationNorm norm, double eps, int steps) {
        return new Pgd(
                norm, eps, steps, defaultStepSize(eps, steps), true, 1, AttackLoss.CROSS_ENTROPY, DEFAULT_L1_SPARSITY);
    }

    /** 2.5·ε/steps, or a tiny positive step when ε = 0 (the ball is a point, any step is projected away). */
    public static double defaultStepSize(double eps, int steps) {
        return eps > 0 ? 2.5 * eps / steps : 1e-12;
    }

    /** FGSM: one ℓ∞ step of size ε from δ = 0, cross-entropy. */
    public static Pgd fgsm(double eps) {
        return new Pgd(
                PerturbationNorm.LINF,
                eps,
                1,
                eps > 0 ? eps : 1e-12,
                false,
                1,
                AttackLoss.CROSS_ENTROPY,
                DEFAULT_L1_SPARSITY);
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
    public AdversarialBatch attack(Classifier model, NDArray images, NDArray labels, UniformRandomProvider rng) {
        checkShape(model, images, labels);
        model.parameterGradients(false);
        try (PgdEngine engine =
                new PgdEngine(model, this, images, labels, trajectories(model.numClasses()), drawStarts(images, rng))) {
            PgdEngine.Outcome rows = engine.run(images.getManager());
            return AdversarialBatch.bestRestart(rows, (int) images.getShape().get(0), 0, restarts);
        } finally {
            model.parameterGradients(true);
        }
    }

    /**
     * The adversarial examples alone (what adversarial training needs): the final iterate of each
     * example, of its most damaging restart when there are several. With one restart this costs
     * {@code steps} forward and backward passes and nothing else: no forward pass at the final
     * iterate, no bookkeeping. Images (N, C, H, W) float32 and labels (N) int64 on the model's
     * device; the result belongs to {@code images}' manager.
     */
    public NDArray perturb(Classifier model, NDArray images, NDArray labels, UniformRandomProvider rng) {
        if (restarts > 1) {
            return attack(model, images, labels, rng).takeImages();
        }
        checkShape(model, images, labels);
        model.parameterGradients(false);
        try (PgdEngine engine =
                new PgdEngine(model, this, images, labels, trajectories(model.numClasses()), drawStarts(images, rng))) {
            return engine.finalIterates(images.getManager());
        } finally {
            model.parameterGradients(true);
        }
    }

    /** {@code restarts} trajectories maximising {@link #loss}. */
    @Override
    public List<Trajectory> trajectories(int numClasses) {
        return java.util.Collections.nCopies(restarts, Trajectory.untargeted(this, loss));
    }

    static void checkShape(Classifier model, NDArray images, NDArray labels) {
        Shape s = images.getShape();
        if (s.dimension() != 4
                || s.get(1) != model.channels()
                || s.get(2) != model.height()
                || s.get(3) != model.width()
                || labels.getShape().dimension() != 1
                || labels.getShape().get(0) != s.get(0)) {
            throw new IllegalArgumentException("images " + s + " and labels " + labels.getShape()
                    + " do not match the model's input (N, " + model.channels() + ", " + model.height() + ", "
                    + model.width() + ")");
        }
    }

    /**
     * How many coordinates a SLIDE step moves at least: ⌈(100 − q)·d/100⌉, at least 1 (the small
     * slack keeps 1% of 100 coordinates at exactly 1 despite rounding).
     */
    int slideCount(int d) {
        return Math.max(1, (int) Math.ceil((100 - l1Sparsity) * d / 100.0 - 1e-9));
    }

    /**
     * The random starts of {@code restarts} runs on the n images (one run after the other, so the
     * first R restarts of a run with more restarts draw the same values), or null without random
     * start. See {@link #drawStarts(int, int, UniformRandomProvider)}.
     */
    double[] drawStarts(NDArray images, UniformRandomProvider rng) {
        if (!randomStart) {
            return null;
        }
        int n = (int) images.getShape().get(0);
        int d = (int) (images.getShape().size() / Math.max(1, n));
        double[] all = new double[restarts * n * d];
        for (int r = 0; r < restarts; r++) {
            System.arraycopy(drawStarts(n, d, rng), 0, all, r * n * d, n * d);
        }
        return all;
    }

    /**
     * A uniform point of the ε-ball per example (n rows of d coordinates), before the projection
     * onto the pixel box that the attack applies on the device. ℓ∞: i.i.d. U(−ε, ε). ℓ2: a Gaussian
     * direction times ε·U^{1/d}. ℓ1: i.i.d. Laplace coordinates normalised to the unit sphere
     * (uniform on the ℓ1 sphere) times ε·U^{1/d}. Drawn on the JVM from {@code rng}, so the stream and
     * the result do not depend on the device.
     */
    public double[] drawStarts(int n, int d, UniformRandomProvider rng) {
        double[] delta = new double[n * d];
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
                        delta[off + i] = norm == PerturbationNorm.L2
                                ? gauss.sample()
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
        return delta;
    }

    @Override
    public String describe() {
        return "pgd-" + norm.id() + "(eps=" + eps + ",steps=" + steps + ",step=" + stepSize + ",restarts=" + restarts
                + (randomStart ? ",random-start" : "") + "," + loss.id() + ")";
    }
}
