package tradeoffs.theory.regression;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tradeoffs.theory.norm.LpNorm;

class OptimalityCertificateTest {

    /** The certified bound really bounds R_ε(w) − min R_ε for weights that are not optimal, and flags them. */
    @Test
    void boundHoldsAndDetectsSuboptimalWeights() {
        SplittableRandom rng = new SplittableRandom(31);
        for (int d : new int[] {2, 4, 8}) {
            for (int rep = 0; rep < 5; rep++) {
                GaussianModel g = AdversarialTrainingTest.randomModel(rng, d);
                AdversarialTraining t = new AdversarialTraining(g);
                for (LpNorm attack : new LpNorm[] {LpNorm.L1, LpNorm.L2, LpNorm.LINF, LpNorm.of(3)}) {
                    double eps = 0.05 + 0.4 * rng.nextDouble();
                    AdversarialSolution best = t.solve(attack, eps);
                    for (int k = 0; k < 20; k++) {
                        double[] w = best.w();
                        double h = Math.pow(10, -4 + 3 * rng.nextDouble());
                        for (int i = 0; i < d; i++) {
                            w[i] += h * rng.nextGaussian();
                        }
                        OptimalityCertificate c = t.certify(attack, eps, w);
                        double gap = AdversarialRisk.population(g, w, attack, eps) - best.adversarialRisk();
                        assertTrue(c.suboptimalityBound() >= gap - 1e-13, "bound " + c.suboptimalityBound() + " < gap " + gap);
                        if (gap > 1e-10) {
                            assertTrue(c.kktResidual() > 0, "a suboptimal point must have a non-zero residual");
                        }
                    }
                }
            }
        }
    }

    /** Noiseless model at its least-squares fit (s = 0): certified optimal below the threshold, flagged above. */
    @Test
    void noiselessKinkIsCertifiedCorrectly() {
        GaussianModel g = CoreSpuriousModel.twoFeature(1.0, 1.0, 0.6, 0.0).toGaussian();
        AdversarialTraining t = new AdversarialTraining(g);
        double c = AdversarialRisk.C;
        double[] ls = {1.0, 0.0};
        // ℓ∞: least squares optimal iff ε/σ_c ≤ c (THEORY.md §1.5)
        assertTrue(t.certify(LpNorm.LINF, 0.99 * c, ls).kktResidual() < 1e-12);
        assertTrue(t.certify(LpNorm.LINF, 1.05 * c, ls).kktResidual() > 1e-3);
        assertTrue(t.solve(LpNorm.LINF, 0.99 * c).certificate().kktResidual() < 1e-12);
        assertTrue(t.solve(LpNorm.LINF, 1.05 * c).certificate().kktResidual() < 1e-12);
    }
}
