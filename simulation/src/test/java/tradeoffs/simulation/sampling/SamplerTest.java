package tradeoffs.simulation.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import tradeoffs.simulation.random.Streams;
import tradeoffs.theory.regression.AntiCausalModel;
import tradeoffs.theory.regression.CoreSpuriousModel;
import tradeoffs.theory.regression.GaussianModel;
import tradeoffs.theory.sample.Sample;

/**
 * Every sampler reproduces the (Σ, b, v) the theory module states for its model. Tolerance: an
 * empirical second moment of n = 200 000 Gaussian draws has standard error ≤ √2·σ_iσ_j/√n
 * ≈ 0.0032·σ_iσ_j; we allow 6 standard errors (failure probability ~1e-9 per entry).
 */
class SamplerTest {
    static final int N = 200_000;

    static void assertMoments(Sampler s, GaussianModel m, long seed) {
        Sample data = s.sample(N, new Streams(seed).stream(0, 0, Streams.TRAIN));
        int d = m.dim();
        for (int i = 0; i <= d; i++) {
            for (int j = 0; j <= d; j++) {
                double sum = 0;
                for (int k = 0; k < N; k++) {
                    double a = i < d ? data.x(k, i) : data.y()[k];
                    double b = j < d ? data.x(k, j) : data.y()[k];
                    sum += a * b;
                }
                double expected = i < d && j < d ? m.sigma(i, j) : i < d ? m.b(i) : j < d ? m.b(j) : m.v();
                double si = Math.sqrt(i < d ? m.sigma(i, i) : m.v());
                double sj = Math.sqrt(j < d ? m.sigma(j, j) : m.v());
                assertEquals(
                        expected, sum / N, 6 * Math.sqrt(2) * si * sj / Math.sqrt(N), "moment (" + i + ", " + j + ")");
            }
        }
    }

    @Test
    void coreSpuriousByConstructionMatchesTheTheoryCovariance() {
        CoreSpuriousModel m = new CoreSpuriousModel(2, 3, 1.5, 0.7, -0.4, 0.3);
        assertMoments(new CoreSpuriousSampler(m), m.toGaussian(), 1);
    }

    @Test
    void antiCausalByConstructionMatchesTheTheoryCovariance() {
        AntiCausalModel m = new AntiCausalModel(1, 2, 0.8, 1.2, 0.5, 0.9);
        assertMoments(new AntiCausalSampler(m), m.toGaussian(), 2);
    }

    @Test
    void choleskySamplerMatchesAnyGaussianModel() {
        GaussianModel g = CoreSpuriousModel.twoFeature(1, 3, 0.7, 0.4).toGaussian();
        assertMoments(GaussianSampler.of(g), g, 3);
    }

    @Test
    void noiselessModelIsSingularButSamplable() {
        // σ_n = 0: y = z = x_c/σ_c exactly, the joint covariance has rank 2.
        CoreSpuriousModel m = CoreSpuriousModel.twoFeature(2.0, 1.0, 0.5, 0.0);
        Sample data = GaussianSampler.of(m.toGaussian()).sample(1000, new Streams(4).stream(0, 0, Streams.TRAIN));
        for (int k = 0; k < 1000; k++) {
            assertEquals(data.y()[k], data.x(k, 0) / 2.0, 1e-12);
        }
    }

    @Test
    void notPositiveSemidefiniteIsRejected() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new GaussianSampler(new double[][] {{1, 0}, {0, 1}}, new double[] {1, 1}, 1.0));
    }

    @Test
    void streamsAreReproducibleAndDistinct() {
        Streams s = new Streams(42);
        double[] a = s.stream(3, 7, Streams.TRAIN).doubles(5).toArray();
        assertArrayEquals(
                a, new Streams(42).stream(3, 7, Streams.TRAIN).doubles(5).toArray());
        assertFalse(java.util.Arrays.equals(
                a, s.stream(3, 8, Streams.TRAIN).doubles(5).toArray()));
        assertFalse(java.util.Arrays.equals(
                a, s.stream(4, 7, Streams.TRAIN).doubles(5).toArray()));
        assertFalse(java.util.Arrays.equals(
                a, s.stream(3, 7, Streams.TEST).doubles(5).toArray()));
        assertFalse(java.util.Arrays.equals(
                a, new Streams(43).stream(3, 7, Streams.TRAIN).doubles(5).toArray()));
    }
}
