package tradeoffs.deep.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import tradeoffs.deep.model.Classifier;

/**
 * TRADES' inner maximisation (Zhang et al. 2019, Algorithm 1): x′ = argmax over
 * {‖x′ − x‖_p ≤ ε} ∩ [0, 1]^d of KL(softmax f(x) ‖ softmax f(x′)), approximated by PGD in the
 * attack's norm (steps, step size and projection of {@link Pgd}) from x + 0.001·N(0, I) (the
 * paper's start; the ball's uniform start and the restarts of {@code pgd} are not used). The clean
 * softmax p = softmax f(x) is computed once with the model in inference mode and held fixed, so the
 * ascent maximises −Σ_j p_j log softmax f(x′)_j, which differs from the KL by the constant entropy
 * H(p) and has the same gradient.
 *
 * @param pgd the ascent rule (norm, ε, steps, step size)
 */
public record TradesAttack(Pgd pgd) {

    /** Standard deviation of the Gaussian start (Zhang et al. 2019). */
    public static final double START_SD = 0.001;

    public TradesAttack {
        if (pgd == null) {
            throw new IllegalArgumentException("pgd is required");
        }
    }

    /**
     * The final iterates x′ (N, C, H, W), float32 in [0, 1], for images (N, C, H, W) and labels (N)
     * on the model's device; the result belongs to {@code images}' manager. The start is drawn from
     * {@code rng} on the JVM (N·d Gaussian values, example by example).
     */
    public NDArray perturb(Classifier model, NDArray images, NDArray labels, UniformRandomProvider rng) {
        Pgd.checkShape(model, images, labels);
        int n = (int) images.getShape().get(0);
        int d = model.imageSize();
        double[] starts = new double[n * d];
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        for (int i = 0; i < starts.length; i++) {
            starts[i] = START_SD * gauss.sample();
        }
        Pgd rule = pgd.withRestarts(1).withLoss(AttackLoss.CROSS_ENTROPY);
        model.parameterGradients(false);
        try (NDManager m = model.manager().newSubManager()) {
            NDArray clean = model.logits(images, false).softmax(1);
            clean.attach(m);
            try (PgdEngine engine = new PgdEngine(
                    model, rule, images, labels, List.of(Trajectory.untargeted(rule, rule.loss())), starts, clean)) {
                return engine.finalIterates(images.getManager());
            }
        } finally {
            model.parameterGradients(true);
        }
    }
}
