package tradeoffs.simulation.attack;

import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.rng.UniformRandomProvider;
import tradeoffs.theory.ParameterException;
import tradeoffs.theory.norm.LpBall;
import tradeoffs.theory.norm.LpNorm;

/**
 * Projected gradient ascent (PGD) on the squared loss L(δ) = (y − wᵀ(x+δ))² of a linear model
 * over the ball ‖δ‖_p ≤ ε: the attack the deep module uses, run where the exact answer is known
 * (docs/math.md §2.1), so its gap can be measured. ∇L(δ) = −2(y − wᵀ(x+δ))·w. Steps:
 * <ul>
 *   <li>ℓ∞: δ ← Π(δ + α·sign ∇L) (FGSM-style sign step, then clipping);</li>
 *   <li>ℓ2: δ ← Π(δ + α·∇L/‖∇L‖₂) (normalised gradient, then scaling onto the ball);</li>
 *   <li>ℓ1: the sparse SLIDE step of Tramèr and Boneh (2019) (docs/math.md §10.7 [code]): e = sign(∇L)
 *       on the coordinates whose |∇L_j| is at or above the q-th percentile (numpy's linear
 *       interpolation, Commons Math R_7), scaled to ‖e‖₁ = 1; δ ← Π(δ + α·e) with the exact ℓ1
 *       projection of Duchi et al.</li>
 * </ul>
 *
 * @param norm the attack norm (ℓ1, ℓ2 or ℓ∞)
 * @param eps the radius ε ≥ 0
 * @param stepSize the step length α > 0 (PGD's usual choice is 2.5ε/steps)
 * @param randomStart start from a random point of the ball instead of δ = 0
 * @param percentile the ℓ1 step's percentile q in (0, 100] (SLIDE's default is 99)
 */
public record LinearPgd(LpNorm norm, double eps, double stepSize, boolean randomStart, double percentile) {
    /** SLIDE's default percentile. */
    public static final double DEFAULT_PERCENTILE = 99;

    public LinearPgd {
        if (!(norm.isOne() || norm.isTwo() || norm.isInfinity())) {
            throw new ParameterException("norm", "must be l1, l2 or linf", norm.name());
        }
        if (!(eps >= 0) || Double.isInfinite(eps)) {
            throw new ParameterException("eps", "must be >= 0 and finite", eps);
        }
        if (!(stepSize > 0) || Double.isInfinite(stepSize)) {
            throw new ParameterException("step_size", "must be > 0", stepSize);
        }
        if (!(percentile > 0 && percentile <= 100)) {
            throw new ParameterException("percentile", "must be in (0, 100]", percentile);
        }
    }

    /** The loss (y − wᵀ(x+δ))². */
    public static double loss(double[] w, double[] x, double y, double[] delta) {
        double r = y;
        for (int j = 0; j < w.length; j++) {
            r -= w[j] * (x[j] + delta[j]);
        }
        return r * r;
    }

    /** The starting point: 0, or a uniform point of the ε-box projected onto the ball. */
    public double[] start(int d, UniformRandomProvider rng) {
        double[] delta = new double[d];
        if (randomStart) {
            for (int j = 0; j < d; j++) {
                delta[j] = eps * (2 * rng.nextDouble() - 1);
            }
            LpBall.project(norm, delta, eps);
        }
        return delta;
    }

    /** One PGD step from {@code delta}, in place. */
    public void step(double[] w, double[] x, double y, double[] delta) {
        int d = w.length;
        double r = y;
        for (int j = 0; j < d; j++) {
            r -= w[j] * (x[j] + delta[j]);
        }
        double[] g = new double[d];
        for (int j = 0; j < d; j++) {
            g[j] = -2 * r * w[j];
        }
        if (norm.isInfinity()) {
            for (int j = 0; j < d; j++) {
                delta[j] += stepSize * Math.signum(g[j]);
            }
        } else if (norm.isTwo()) {
            double gn = LpNorm.L2.norm(g);
            if (gn > 0) {
                for (int j = 0; j < d; j++) {
                    delta[j] += stepSize * g[j] / gn;
                }
            }
        } else {
            double[] abs = new double[d];
            for (int j = 0; j < d; j++) {
                abs[j] = Math.abs(g[j]);
            }
            double threshold = new Percentile()
                    .withEstimationType(Percentile.EstimationType.R_7)
                    .evaluate(abs, percentile);
            int count = 0;
            for (int j = 0; j < d; j++) {
                if (abs[j] >= threshold && abs[j] > 0) {
                    count++;
                }
            }
            if (count > 0) {
                for (int j = 0; j < d; j++) {
                    if (abs[j] >= threshold && abs[j] > 0) {
                        delta[j] += stepSize * Math.signum(g[j]) / count;
                    }
                }
            }
        }
        LpBall.project(norm, delta, eps);
    }
}
