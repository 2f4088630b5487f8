package tradeoffs.simulation.sampling;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import tradeoffs.theory.ParameterException;
import tradeoffs.theory.regression.CoreSpuriousModel;
import tradeoffs.theory.sample.Sample;

/**
 * Draws from the core/spurious model of docs/math.md §3.2 by its construction (not through the
 * covariance): z ~ N(0, I_dc), ξ ~ N(0, I_ds), ν ~ N(0, 1), x_c = σ_c z,
 * x_s,i = σ_s(η z_{i mod d_c} + √(1−η²) ξ_i) (the A of {@link CoreSpuriousModel}), y = βᵀz + σ_n ν.
 * Features are ordered (x_c, x_s). A shifted test domain is the sampler of
 * {@code model.withEta(η′)}.
 */
public final class CoreSpuriousSampler implements Sampler {
    private final CoreSpuriousModel model;
    private final double[] beta;

    public CoreSpuriousSampler(CoreSpuriousModel model) {
        this.model = model;
        this.beta = model.beta();
    }

    public CoreSpuriousModel model() {
        return model;
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
        int ds = model.dimSpurious();
        int d = dc + ds;
        double sc = model.sigmaCore();
        double ss = model.sigmaSpurious();
        double eta = model.eta();
        double rest = Math.sqrt(1 - eta * eta);
        double[] x = new double[n * d];
        double[] y = new double[n];
        double[] z = new double[dc];
        for (int i = 0; i < n; i++) {
            int off = i * d;
            double yi = 0;
            for (int j = 0; j < dc; j++) {
                z[j] = gauss.sample();
                x[off + j] = sc * z[j];
                yi += beta[j] * z[j];
            }
            for (int j = 0; j < ds; j++) {
                x[off + dc + j] = ss * (eta * z[j % dc] + rest * gauss.sample());
            }
            y[i] = yi + model.noise() * gauss.sample();
        }
        return new Sample(n, d, x, y);
    }
}
