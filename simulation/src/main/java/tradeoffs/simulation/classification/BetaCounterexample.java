package tradeoffs.simulation.classification;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import tradeoffs.io.schema.ColumnNames;
import tradeoffs.theory.ParameterException;

/**
 * A linear multi-class model on which maximising cross-entropy misses a misclassifying perturbation that
 * exists, and BETA finds it: the pitfall of surrogate-based attacks that Robey et al. (2024) point out
 * [paper], in a form where every rate has a closed form [derived] (docs/math.md §10.9).
 *
 * <p><b>Model.</b> K ≥ 3 classes on x ∈ ℝⁿ, v = (1/n)·1 (so ‖v‖₁ = 1): the true class 0 has w₀ = 0,
 * b₀ = 0; one reachable wrong class 1 has w₁ = v, b₁ = −β₁; the K − 2 "decoy" classes j ≥ 2 have
 * w_j = −v, b_j = −β_d. Points x ~ N(0, σ²Iₙ) with label 0, so t₀ = vᵀx ~ N(0, τ²), τ = σ/√n.
 *
 * <p><b>Exact (BETA).</b> Over ‖δ‖_∞ ≤ ε, vᵀδ ranges over [−ε, ε], so max M₁ = t₀ + ε − β₁ and
 * max M_j = −t₀ + ε − β_d (§10.6): a misclassifying δ exists iff t₀ ≥ β₁ − ε or t₀ ≤ ε − β_d, with
 * probability Φ((ε − β_d)/τ) + 1 − Φ((β₁ − ε)/τ) (1 when the two sets cover the line).
 *
 * <p><b>Cross-entropy.</b> Every w_k is a multiple of v, so CE depends on δ only through t = vᵀδ:
 * CE(t) = log(1 + e^{t₀ + t − β₁} + (K − 2)·e^{−t₀ − t − β_d}), convex in t. Its maximum over the ball is at
 * t = +ε iff CE(ε) &gt; CE(−ε) iff t₀ &gt; t* = (β₁ − β_d + ln(K − 2))/2, and ℓ∞ PGD from δ = 0 goes the same
 * way (dCE/dt at t = 0 has the sign of t₀ − t*, and a convex function keeps rising once it rises). So for
 * ε &gt; 0 cross-entropy succeeds iff (t₀ &gt; t* and t₀ ≥ β₁ − ε) or (t₀ &lt; t* and t₀ ≤ ε − β_d), with
 * probability 1 − Φ(max(t*, β₁ − ε)/τ) + Φ(min(t*, ε − β_d)/τ). With β₁ &lt; β_d and enough decoys
 * (t* &gt; 0), the many decoys pull the cross-entropy towards them although none can be reached, while the
 * one reachable class lies the other way: for β₁ ≤ ε &lt; β_d every point with t₀ &lt; t* is misclassifiable
 * and cross-entropy misses it.
 *
 * @param classes K ≥ 3
 * @param dim n ≥ 1
 * @param targetOffset β₁, the score deficit of the reachable class (finite)
 * @param decoyOffset β_d, that of the decoys (finite)
 * @param spread σ &gt; 0, the standard deviation of each coordinate of x
 */
public record BetaCounterexample(int classes, int dim, double targetOffset, double decoyOffset, double spread)
        implements MulticlassScenario {
    private static final NormalDistribution PHI = new NormalDistribution(null, 0.0, 1.0);

    public BetaCounterexample {
        if (classes < 3) {
            throw new ParameterException(
                    "classes", "must be >= 3 (one reachable class and at least one decoy)", classes);
        }
        if (dim < 1) {
            throw new ParameterException("dim", "must be >= 1", dim);
        }
        if (!Double.isFinite(targetOffset)) {
            throw new ParameterException("target_offset", "must be finite", targetOffset);
        }
        if (!Double.isFinite(decoyOffset)) {
            throw new ParameterException("decoy_offset", "must be finite", decoyOffset);
        }
        if (!(spread > 0.0) || Double.isInfinite(spread)) {
            throw new ParameterException("spread", "must be finite and > 0", spread);
        }
    }

    /** The setting of {@code reproduce}: K = 10, n = 4, β₁ = 1, β_d = 2, σ = 1 (τ = 0.5, t* ≈ 0.540). */
    public static BetaCounterexample standard() {
        return new BetaCounterexample(10, 4, 1.0, 2.0, 1.0);
    }

    @Override
    public String label() {
        return "counterexample";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(ColumnNames.TARGET_OFFSET, targetOffset);
        p.put(ColumnNames.DECOY_OFFSET, decoyOffset);
        p.put(ColumnNames.SPREAD, spread);
        return p;
    }

    /** The model: rows 0 (true class), 1 (reachable), 2..K−1 (decoys). */
    public LinearMulticlassModel model() {
        double[][] w = new double[classes][dim];
        double[] b = new double[classes];
        for (int i = 0; i < dim; i++) {
            w[1][i] = 1.0 / dim;
            for (int j = 2; j < classes; j++) {
                w[j][i] = -1.0 / dim;
            }
        }
        b[1] = -targetOffset;
        for (int j = 2; j < classes; j++) {
            b[j] = -decoyOffset;
        }
        return new LinearMulticlassModel(w, b);
    }

    @Override
    public Draw draw(UniformRandomProvider rng, ZigguratSampler.NormalizedGaussian gauss) {
        double[] x = new double[dim];
        for (int i = 0; i < dim; i++) {
            x[i] = spread * gauss.sample();
        }
        return new Draw(model(), x, 0);
    }

    /** τ = σ/√n, the standard deviation of t₀ = vᵀx. */
    public double tau() {
        return spread / Math.sqrt(dim);
    }

    /** t* = (β₁ − β_d + ln(K − 2))/2: cross-entropy heads for the reachable class iff t₀ &gt; t*. */
    public double threshold() {
        return 0.5 * (targetOffset - decoyOffset + Math.log(classes - 2.0));
    }

    /** Φ((ε − β_d)/τ) + 1 − Φ((β₁ − ε)/τ), or 1 when β₁ − ε ≤ ε − β_d [derived]. */
    @Override
    public double exactErrorRate(double eps) {
        double low = eps - decoyOffset;
        double high = targetOffset - eps;
        if (high <= low) {
            return 1.0;
        }
        return PHI.cumulativeProbability(low / tau()) + 1.0 - PHI.cumulativeProbability(high / tau());
    }

    /**
     * 1 − Φ(max(t*, β₁ − ε)/τ) + Φ(min(t*, ε − β_d)/τ) for ε &gt; 0; at ε = 0 the attack cannot move and the rate
     * is the clean error, {@link #exactErrorRate}(0) [derived].
     */
    @Override
    public double crossEntropyRate(double eps) {
        if (eps == 0.0) {
            return exactErrorRate(0.0);
        }
        double t = threshold();
        return 1.0
                - PHI.cumulativeProbability(Math.max(t, targetOffset - eps) / tau())
                + PHI.cumulativeProbability(Math.min(t, eps - decoyOffset) / tau());
    }
}
