package tradeoffs.theory.classification;

import tradeoffs.theory.ParameterException;

/**
 * The multi-perturbation distribution of docs/math.md §10.1 (after Tramèr &amp; Boneh 2019; this
 * parametrisation is [derived] for the project): y uniform in {−1, +1}; the robust feature
 * x₀ = y with probability p₀ and −y otherwise; the weak features x₁..x_d i.i.d. N(yη, 1) with
 * η = α/√d, so that together they carry a signal of fixed strength α (Σ_i y x_i/√d ~ N(α, 1)).
 *
 * @param p0 probability that x₀ agrees with y, in [0.5, 1]
 * @param dim number d of weak features, ≥ 1
 * @param alpha total signal α ≥ 0 of the weak features
 */
public record TramerBonehDistribution(double p0, int dim, double alpha) {
    public TramerBonehDistribution {
        if (!(p0 >= 0.5 && p0 <= 1.0)) {
            throw new ParameterException("p0", "must be in [0.5, 1]", p0);
        }
        if (dim < 1) {
            throw new ParameterException("dim", "must be >= 1", dim);
        }
        if (!(alpha >= 0.0) || Double.isInfinite(alpha)) {
            throw new ParameterException("alpha", "must be finite and >= 0", alpha);
        }
    }

    /** η = α/√d, the mean of y·x_i for each weak feature. */
    public double eta() {
        return alpha / Math.sqrt(dim);
    }
}
