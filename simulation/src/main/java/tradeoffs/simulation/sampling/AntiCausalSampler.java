package tradeoffs.simulation.sampling;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import tradeoffs.theory.ParameterException;
import tradeoffs.theory.regression.AntiCausalModel;
import tradeoffs.theory.sample.Sample;

/**
 * Draws from the anti-causal model of docs/math.md §3.3 by its construction: y ~ N(0, 1),
 * x_c = a_c y + τ_c n_c, x_s = a_s y + τ_s n_s with independent standard normal noise.
 */
public final class AntiCausalSampler implements Sampler {
    private final AntiCausalModel model;

    public AntiCausalSampler(AntiCausalModel model) {
        this.model = model;
    }

    @Override
    public int dimension() {
        return model.dim();
    }

    @Override
    public Sample sample(int n, UniformRandomProvider rng) {
        if (n < 1) {
            throw new ParameterException("n", "must be >= 1", n);
        }
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        int dc = model.dimCore();
        int d = model.dim();
        double[] x = new double[n * d];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double yi = gauss.sample();
            y[i] = yi;
            for (int j = 0; j < d; j++) {
                boolean core = j < dc;
                x[i * d + j] = (core ? model.loadingCore() : model.loadingSpurious()) * yi
                        + (core ? model.noiseCore() : model.noiseSpurious()) * gauss.sample();
            }
        }
        return new Sample(n, d, x, y);
    }
}
