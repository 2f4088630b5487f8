package tradeoffs.deep.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import tradeoffs.deep.attack.PerturbationNorm;
import tradeoffs.deep.device.DeepRuntime;
import tradeoffs.theory.norm.LpNorm;
import tradeoffs.theory.regression.AdversarialRisk;

/**
 * The regression PGD of the bridge reaches the exact worst case of docs/math.md §2.1: for every
 * example, the squared loss at x + δ_PGD equals the closed form (|y − wᵀx| + ε‖w‖_q)² of
 * {@link AdversarialRisk#worstCaseLoss} (an independent route: a formula, not an ascent), and δ
 * stays in the ball. Tolerance: the attack runs in float32 (relative rounding 6e-8 per operation on
 * O(1) values), so 1e-5 relative to the loss is two orders of magnitude above rounding and far
 * below the gap of a non-converged attack (a one-step ℓ∞ PGD with α = ε/3 misses ε·‖w‖₁·2/3).
 */
class RegressionPgdTest {
    static final int B = 64;
    static final int D = 5;

    @Test
    void pgdReachesTheClosedFormWorstCaseForEveryNorm() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(11L);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] x = new double[B * D];
        double[] y = new double[B];
        for (int i = 0; i < x.length; i++) {
            x[i] = g.sample();
        }
        for (int i = 0; i < B; i++) {
            y[i] = 2 * g.sample();
        }
        // Distinct |w_j| so the ℓ1 vertex is unique; one tiny entry as trained ℓ∞ models have.
        double[] w = {0.8, -0.35, 1e-4, 0.5, -1.1};
        for (PerturbationNorm norm : PerturbationNorm.values()) {
            for (double eps : new double[] {0.05, 0.3, 1.0}) {
                RegressionPgd pgd = RegressionPgd.of(norm, eps, 3);
                float[] delta = perturb(pgd, x, y, w);
                double worstGap = 0;
                for (int i = 0; i < B; i++) {
                    double[] xi = new double[D];
                    double[] di = new double[D];
                    double r = y[i];
                    for (int j = 0; j < D; j++) {
                        xi[j] = (float) x[i * D + j];
                        di[j] = delta[i * D + j];
                        r -= w[j] * (xi[j] + di[j]);
                    }
                    double exact = AdversarialRisk.worstCaseLoss(w, xi, (float) y[i], norm.lp(), eps);
                    assertEquals(exact, r * r, 1e-5 * exact, norm + " eps=" + eps + " example " + i);
                    assertTrue(
                            norm.lp().norm(di) <= eps * (1 + 1e-6),
                            "delta leaves the ball: " + norm.lp().norm(di));
                    worstGap = Math.max(worstGap, Math.abs(exact - r * r) / exact);
                }
                assertTrue(worstGap < 1e-5, norm + " eps=" + eps + " relative gap " + worstGap);
            }
        }
    }

    @Test
    void oneShortStepDoesNotReachTheWorstCase() {
        // The test above must be able to fail: one ℓ∞ step of ε/3 leaves the loss well below the maximum.
        double[] x = {0.2, -0.4};
        double[] y = {1.0};
        double[] w = {0.7, 0.3};
        double eps = 0.5;
        float[] delta = perturb(new RegressionPgd(PerturbationNorm.LINF, eps, 1, eps / 3), x, y, w);
        double r = 1.0 - w[0] * (0.2 + delta[0]) - w[1] * (-0.4 + delta[1]);
        double exact = AdversarialRisk.worstCaseLoss(w, new double[] {0.2, -0.4}, 1.0, LpNorm.LINF, eps);
        assertTrue(r * r < exact * 0.9, "short PGD " + r * r + " vs exact " + exact);
    }

    @Test
    void zeroRadiusLeavesInputsAlone() {
        float[] delta = perturb(
                RegressionPgd.of(PerturbationNorm.L2, 0.0, 3), new double[] {1, 2}, new double[] {3}, new double[] {
                    0.5, 0.5
                });
        assertEquals(0.0, delta[0]);
        assertEquals(0.0, delta[1]);
    }

    @Test
    void invalidSettingsNameTheParameter() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> RegressionPgd.of(PerturbationNorm.L2, -1, 3));
        assertEquals("eps must be a finite number >= 0 (got -1.0)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RegressionPgd.of(PerturbationNorm.L2, 1, 0));
        assertEquals("pgd_steps must be >= 1 (got 0)", e.getMessage());
    }

    static float[] perturb(RegressionPgd pgd, double[] x, double[] y, double[] w) {
        int b = y.length;
        int d = w.length;
        try (NDManager m = DeepRuntime.engine().newBaseManager()) {
            NDArray xs = m.create(RegressionPgd.toFloat(x), new Shape(b, d));
            NDArray ys = m.create(RegressionPgd.toFloat(y), new Shape(b, 1));
            return pgd.perturb(xs, ys, w);
        }
    }
}
