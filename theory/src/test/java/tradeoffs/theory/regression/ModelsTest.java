package tradeoffs.theory.regression;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ModelsTest {

    @Test
    void twoFeatureModelMatchesTheoryFormula() {
        GaussianModel g = CoreSpuriousModel.twoFeature(1.5, 2.0, 0.6, 0.5).toGaussian();
        // docs/math.md §3.2: Σ = [[σc², σcσsη], [σcσsη, σs²]], b = (σc, σsη), v = 1 + σn²
        assertArrayEquals(new double[] {2.25, 1.8}, g.sigma()[0], 1e-15);
        assertArrayEquals(new double[] {1.8, 4.0}, g.sigma()[1], 1e-15);
        assertArrayEquals(new double[] {1.5, 1.2}, g.b(), 1e-15);
        assertEquals(1.25, g.v(), 1e-15);
        // least squares puts zero weight on x_s: w = (1/σc, 0)
        double[] w = g.leastSquares();
        assertEquals(1 / 1.5, w[0], 1e-14);
        assertEquals(0.0, w[1], 1e-14);
    }

    /** The moments of the generative construction, by Monte Carlo, match toGaussian (independent route). */
    @Test
    void generativeMomentsMatchToGaussian() {
        CoreSpuriousModel m = new CoreSpuriousModel(2, 3, 1.2, 0.8, -0.5, 0.3);
        GaussianModel g = m.toGaussian();
        int n = 200_000;
        int d = m.dim();
        double[][] sxx = new double[d][d];
        double[] sxy = new double[d];
        double syy = 0;
        SplittableRandom rng = new SplittableRandom(11);
        double[] beta = m.beta();
        for (int k = 0; k < n; k++) {
            double[] z = {rng.nextGaussian(), rng.nextGaussian()};
            double[] x = new double[d];
            x[0] = 1.2 * z[0];
            x[1] = 1.2 * z[1];
            for (int i = 0; i < 3; i++) {
                x[2 + i] = 0.8 * (-0.5 * z[i % 2] + Math.sqrt(1 - 0.25) * rng.nextGaussian());
            }
            double y = beta[0] * z[0] + beta[1] * z[1] + 0.3 * rng.nextGaussian();
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    sxx[i][j] += x[i] * x[j];
                }
                sxy[i] += x[i] * y;
            }
            syy += y * y;
        }
        // each moment is a mean of products with variance ≤ ~4; SE ≤ 2/√n ≈ 0.0045, tolerance 6 SE
        double tol = 0.027;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                assertEquals(g.sigma(i, j), sxx[i][j] / n, tol, "Sigma[" + i + "][" + j + "]");
            }
            assertEquals(g.b(i), sxy[i] / n, tol, "b[" + i + "]");
        }
        assertEquals(g.v(), syy / n, tol);
    }

    @Test
    void validationNamesTheParameterAndRange() {
        assertMessage(() -> CoreSpuriousModel.twoFeature(0, 1, 0.5, 0.5), "sigma_core must be > 0");
        assertMessage(() -> CoreSpuriousModel.twoFeature(1, -1, 0.5, 0.5), "sigma_spurious must be > 0");
        assertMessage(() -> CoreSpuriousModel.twoFeature(1, 1, 1.5, 0.5), "eta must be in (-1, 1)");
        assertMessage(() -> CoreSpuriousModel.twoFeature(1, 1, 0.5, -0.1), "noise must be >= 0");
        assertMessage(() -> new CoreSpuriousModel(0, 1, 1, 1, 0.5, 0.5), "dim_core must be >= 1");
        assertMessage(
                () -> new GaussianModel(new double[][] {{1, 2}, {2, 1}}, new double[] {0, 0}, 1), "positive definite");
        assertMessage(
                () -> new GaussianModel(new double[][] {{1, 0.5}, {0.4, 1}}, new double[] {0, 0}, 1), "symmetric");
        assertMessage(() -> new GaussianModel(new double[][] {{1}}, new double[] {2}, 1), "positive semidefinite");
        assertMessage(() -> new GaussianModel(new double[][] {{1}}, new double[] {1, 2}, 1), "b must have length 1");
        assertMessage(() -> AntiCausalModel.twoFeature(1, 1, 0, 1), "tau_core must be > 0");
        assertMessage(() -> CoreSpuriousModel.defaults().withEta(-1.0), "eta must be in (-1, 1)");
    }

    @Test
    void noiselessModelIsAccepted() {
        GaussianModel g = CoreSpuriousModel.twoFeature(1, 3, 0.9, 0).toGaussian();
        assertEquals(0.0, g.residualVariance(g.leastSquares()), 1e-12);
    }

    @Test
    void antiCausalMoments() {
        GaussianModel g = AntiCausalModel.twoFeature(1.0, 0.5, 0.5, 2.0).toGaussian();
        // Σ = a aᵀ + diag(τ²): [[1.25, 0.5], [0.5, 4.25]], b = a, v = 1 (by hand)
        assertArrayEquals(new double[] {1.25, 0.5}, g.sigma()[0], 1e-15);
        assertArrayEquals(new double[] {0.5, 4.25}, g.sigma()[1], 1e-15);
        assertArrayEquals(new double[] {1.0, 0.5}, g.b(), 0);
        // least squares uses x_s (non-zero weight)
        assertTrue(Math.abs(g.leastSquares()[1]) > 0.01);
    }

    static void assertMessage(Runnable r, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
