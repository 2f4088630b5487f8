package tradeoffs.theory.classification;

import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;
import tradeoffs.theory.ParameterException;

/**
 * Exact clean and robust accuracy of a linear classifier sign(w₀x₀ + Σ w_i x_i + b) on the
 * {@link TramerBonehDistribution} (docs/math.md §10.2, [derived]).
 *
 * <p>Given y, y·(Σ_{i≥1} w_i x_i) ~ N(ηS, σ²) with S = Σ_{i≥1} w_i and σ = ‖w_{1:d}‖₂, and y·x₀ = ±1
 * with probabilities p₀, 1 − p₀. An attack that lowers y·score by r (for an ℓp ball of radius ε,
 * r = ε‖w‖_q with w = (w₀, w₁, …, w_d): the attack may move x₀ too) leaves the prediction correct with
 * probability
 * <pre>
 *   A(r) = ½ Σ_{y=±1} [ p₀ Φ((w₀ + ηS + yb − r)/σ) + (1 − p₀) Φ((−w₀ + ηS + yb − r)/σ) ]
 * </pre>
 * where for σ = 0, Φ(m/σ) is the step 1{m &gt; 0} (a score of exactly 0 is an error).
 */
public final class MultiPerturbationAccuracy {
    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0.0, 1.0);

    private MultiPerturbationAccuracy() {}

    /** Φ, the standard normal CDF (Commons Math). */
    static double phi(double z) {
        return STANDARD_NORMAL.cumulativeProbability(z);
    }

    /**
     * The docs/math.md §10.2 formula A(r) above, from the classifier's sufficient statistics
     * (w₀, S = Σ w_i, σ = ‖w_{1:d}‖₂, b) and the margin reduction r ≥ 0 [derived].
     */
    public static double accuracy(
            TramerBonehDistribution dist, double w0, double weakSum, double weakL2, double bias, double reduction) {
        double eta = dist.eta();
        double p0 = dist.p0();
        double agree = w0 + eta * weakSum - reduction;
        double disagree = -w0 + eta * weakSum - reduction;
        double total = 0.0;
        for (int y = -1; y <= 1; y += 2) {
            total += p0 * cell(agree + y * bias, weakL2) + (1.0 - p0) * cell(disagree + y * bias, weakL2);
        }
        return 0.5 * total;
    }

    /** P(m + σZ &gt; 0) = Φ(m/σ); the step 1{m &gt; 0} when σ = 0 (ties are errors). */
    private static double cell(double m, double sigma) {
        if (sigma == 0.0) {
            return m > 0.0 ? 1.0 : 0.0;
        }
        return phi(m / sigma);
    }

    /** Clean accuracy: A(0) (docs/math.md §10.2, [derived]). */
    public static double clean(TramerBonehDistribution dist, LinearClassifier c) {
        requireDim(dist, c);
        return robust(dist, c, 0.0);
    }

    /** Robust accuracy under one ℓp ball: A(ε‖w‖_q) (docs/math.md §10.2, [derived]). */
    public static double robust(TramerBonehDistribution dist, LinearClassifier c, Perturbation attack) {
        requireDim(dist, c);
        return robust(dist, c, attack.marginReduction(c.weights()));
    }

    /**
     * Robust accuracy under the union of balls: A(max_k ε_k‖w‖_{q_k}) (docs/math.md §10.2, [derived]).
     * The reduction does not depend on x, so the per-example best type is always the same one.
     */
    public static double union(TramerBonehDistribution dist, LinearClassifier c, List<Perturbation> attacks) {
        requireDim(dist, c);
        requireAttacks(attacks);
        double[] w = c.weights();
        double r = 0.0;
        for (Perturbation a : attacks) {
            r = Math.max(r, a.marginReduction(w));
        }
        return robust(dist, c, r);
    }

    /** The average over types of the per-type robust accuracy, (1/K) Σ_k A(ε_k‖w‖_{q_k}) (docs/math.md §10.2, [derived]). */
    public static double average(TramerBonehDistribution dist, LinearClassifier c, List<Perturbation> attacks) {
        requireDim(dist, c);
        requireAttacks(attacks);
        double s = 0.0;
        for (Perturbation a : attacks) {
            s += robust(dist, c, a);
        }
        return s / attacks.size();
    }

    /**
     * Robust accuracy under the affine combination δ = Σ_k λ_k δ_k with δ_k in the k-th ball,
     * λ_k ≥ 0, Σλ_k = 1: A(Σ_k λ_k ε_k‖w‖_{q_k}) (docs/math.md §10.2, [derived]). For a linear model the
     * reduction is a convex combination of the per-type reductions, so it never exceeds the
     * union's maximum: affine combinations are no stronger than the union here (Tramèr &amp; Boneh
     * report them stronger on deep models [paper]).
     */
    public static double affine(
            TramerBonehDistribution dist, LinearClassifier c, List<Perturbation> attacks, double[] lambda) {
        requireDim(dist, c);
        requireAttacks(attacks);
        if (lambda.length != attacks.size()) {
            throw new ParameterException("lambda", "must have one weight per attack", lambda.length);
        }
        double sum = 0.0;
        double r = 0.0;
        double[] w = c.weights();
        for (int k = 0; k < lambda.length; k++) {
            if (!(lambda[k] >= 0.0)) {
                throw new ParameterException("lambda", "must be >= 0", lambda[k]);
            }
            sum += lambda[k];
            r += lambda[k] * attacks.get(k).marginReduction(w);
        }
        if (Math.abs(sum - 1.0) > 1e-12) {
            throw new ParameterException("lambda", "must sum to 1", sum);
        }
        return robust(dist, c, r);
    }

    private static double robust(TramerBonehDistribution dist, LinearClassifier c, double reduction) {
        return accuracy(dist, c.w0(), c.weakSum(), c.weakL2(), c.bias(), reduction);
    }

    private static void requireDim(TramerBonehDistribution dist, LinearClassifier c) {
        if (c.dim() != dist.dim()) {
            throw new ParameterException(
                    "classifier", "must have one weak weight per weak feature (dim = " + dist.dim() + ")", c.dim());
        }
    }

    private static void requireAttacks(List<Perturbation> attacks) {
        if (attacks == null || attacks.isEmpty()) {
            throw new ParameterException("attacks", "must hold at least one perturbation type", "none");
        }
    }
}
