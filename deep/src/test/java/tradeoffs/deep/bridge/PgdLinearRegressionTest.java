package tradeoffs.deep.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tradeoffs.deep.attack.PerturbationNorm;
import tradeoffs.theory.norm.LpNorm;
import tradeoffs.theory.sample.Sample;

/**
 * DJL PGD adversarial training of a linear regressor minimises the empirical adversarial risk
 * F(w) = (1/n) Σ (|y_i − x_iᵀw| + ε‖w‖_q)² (docs/math.md §6.1), checked without any other solver:
 * ε = 0 against the normal equations solved by hand, ε &gt; 0 by a directional test (F grows when
 * the weights move by h = 0.01 along ±e_j). The cross-module tests (tests/crosscheck) compare with
 * the simulation module's certified convex solver and with the theory.
 *
 * <p>Data: n = 1000 draws of the default two-feature model of docs/math.md §3.2 (σ_c = σ_s = 1,
 * η = 0.6, σ_n = 0.5), x_c = z, x_s = 0.6z + 0.8ξ, y = z + 0.5ν.
 */
class PgdLinearRegressionTest {
    static Sample sample;

    @BeforeAll
    static void draw() {
        int n = 1000;
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(2024L);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] x = new double[2 * n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double z = g.sample();
            x[2 * i] = z;
            x[2 * i + 1] = 0.6 * z + 0.8 * g.sample();
            y[i] = z + 0.5 * g.sample();
        }
        sample = Sample.of(2, x, y);
    }

    static LinearFit train(PerturbationNorm norm, double eps, long seed) {
        return new PgdLinearRegression(RegressionPgd.of(norm, eps, 3), RegressionTrainConfig.defaults(sample.n(), seed))
                .train(sample);
    }

    @Test
    void standardTrainingRecoversTheLeastSquaresWeights() {
        // Normal equations (XᵀX) w = Xᵀy by Cramer's rule on the 2×2 system.
        double a = 0, b = 0, c = 0, u = 0, v = 0;
        for (int i = 0; i < sample.n(); i++) {
            double x0 = sample.x()[2 * i];
            double x1 = sample.x()[2 * i + 1];
            a += x0 * x0;
            b += x0 * x1;
            c += x1 * x1;
            u += x0 * sample.y()[i];
            v += x1 * sample.y()[i];
        }
        double det = a * c - b * b;
        double[] ls = {(c * u - b * v) / det, (a * v - b * u) / det};
        double[] w = train(PerturbationNorm.L2, 0.0, 1).w();
        // 2e-3: about 3x the largest optimisation error measured with the default schedule.
        assertEquals(ls[0], w[0], 2e-3);
        assertEquals(ls[1], w[1], 2e-3);
    }

    @Test
    void adversarialTrainingMinimisesTheEmpiricalAdversarialRisk() {
        for (PerturbationNorm norm : PerturbationNorm.values()) {
            double eps = 0.3;
            double[] w = train(norm, eps, 5).w();
            assertLocalMinimum(norm.lp(), eps, w, 0.01, norm.toString());
        }
    }

    @Test
    void theDirectionalCheckRejectsStandardWeights() {
        // The check above has teeth: least-squares weights are not a minimum of the adversarial risk.
        double[] ls = train(PerturbationNorm.L2, 0.0, 1).w();
        double f = EmpiricalObjective.of(sample, LpNorm.L2, 0.3, ls);
        double shrunk = EmpiricalObjective.of(sample, LpNorm.L2, 0.3, new double[] {ls[0] - 0.01, ls[1]});
        assertTrue(shrunk < f, "F(w_LS - 0.01 e_c) = " + shrunk + " should be below F(w_LS) = " + f);
    }

    @Test
    void theSameSeedGivesTheSameWeights() {
        assertArrayEquals(
                train(PerturbationNorm.LINF, 0.2, 9).w(),
                train(PerturbationNorm.LINF, 0.2, 9).w());
    }

    @Test
    void invalidConfigurationsNameTheParameter() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new RegressionTrainConfig(0, 10, 0.1, 0.1, 3, 1));
        assertTrue(e.getMessage().startsWith("epochs must be >= 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new RegressionTrainConfig(1, 10, 0.1, 0, 3, 1));
        assertTrue(e.getMessage().startsWith("final learning-rate fraction must be in (0, 1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Sample.of(2, new double[3], new double[2]));
        assertTrue(e.getMessage().startsWith("x must have n*d = 4 values"), e.getMessage());
    }

    /** F(w) ≤ F(w ± h·e_j) for every coordinate j. */
    static void assertLocalMinimum(LpNorm attack, double eps, double[] w, double h, String what) {
        double f = EmpiricalObjective.of(sample, attack, eps, w);
        for (int j = 0; j < w.length; j++) {
            for (int s = -1; s <= 1; s += 2) {
                double[] moved = w.clone();
                moved[j] += s * h;
                double fm = EmpiricalObjective.of(sample, attack, eps, moved);
                assertTrue(
                        f <= fm,
                        what + ": F(w) = " + f + " but F(w " + (s > 0 ? "+" : "-") + " " + h + " e_" + j + ") = " + fm);
            }
        }
    }
}
