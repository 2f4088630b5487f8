package tradeoffs.simulation.classification;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import tradeoffs.theory.classification.TramerBonehDistribution;

/**
 * Draws labelled points of the {@link TramerBonehDistribution} (docs/math.md §10.1): y uniform in
 * {−1, +1}; x₀ = y with probability p₀, else −y; x₁..x_d = yη + N(0, 1) independently, η = α/√d.
 */
public final class TramerBonehSampler {
    private final TramerBonehDistribution dist;

    public TramerBonehSampler(TramerBonehDistribution dist) {
        this.dist = dist;
    }

    /**
     * Fills {@code x} (length d + 1: x₀, x₁, …, x_d) with one point drawn from {@code rng} and returns
     * its label y ∈ {−1, +1}.
     */
    public int draw(UniformRandomProvider rng, ZigguratSampler.NormalizedGaussian gauss, double[] x) {
        int y = rng.nextBoolean() ? 1 : -1;
        x[0] = rng.nextDouble() < dist.p0() ? y : -y;
        double mean = y * dist.eta();
        for (int i = 1; i < x.length; i++) {
            x[i] = mean + gauss.sample();
        }
        return y;
    }

    public TramerBonehDistribution distribution() {
        return dist;
    }
}
