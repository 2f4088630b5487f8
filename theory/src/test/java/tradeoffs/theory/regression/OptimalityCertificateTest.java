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
                        assertTrue(
                                c.suboptimalityBound() >= gap - 1e-13,
                                "bound " + c.suboptimalityBound() + " < gap " + gap);
                        if (gap > 1e-10) {
                            assertTrue(c.kktResidual() > 0, "a suboptimal point must have a non-zero residual");
                        }
                    }
                }
            }
        }
    }

    /**
     * Regressions found by a stress sweep: a nearly noiseless model (σ_n = 1e-6) must not be treated
     * as noiseless, and exactly noiseless models with very different feature scales and d &gt; 3
     * (iterative route) must still come back certified. Both checked with the hand-written
     * subgradient residual of AdversarialTrainingTest.
     */
    @Test
    void hardCasesFromTheStressSweepAreCertified() {
        Object[][] cases = {
            {new CoreSpuriousModel(1, 1, 0.01, 0.01, -0.3, 1e-6), 0.005},
            {new CoreSpuriousModel(3, 4, 0.01, 0.01, -0.99, 1e-6), 1e-3},
            {new CoreSpuriousModel(1, 4, 100.0, 0.01, -0.99, 0.0), 1.0},
            {new CoreSpuriousModel(3, 4, 100.0, 1.0, 0.999, 0.0), 10.0},
        };
        for (Object[] c : cases) {
            GaussianModel g = ((CoreSpuriousModel) c[0]).toGaussian();
            double eps = (double) c[1];
            for (LpNorm attack : new LpNorm[] {LpNorm.L1, LpNorm.LINF}) {
                AdversarialSolution s = AdversarialTraining.solve(g, attack, eps);
                double scale = 1 + LpNorm.LINF.norm(g.b());
                assertTrue(s.certificate().kktResidual() < 1e-8 * scale, c[0] + " " + attack + " " + s.certificate());
                // the hand residual uses s² = v − 2wᵀb + wᵀΣw, which loses its relative accuracy when s² is
                // far below v (cancellation), so it is only an independent check when s is not tiny
                if (s.residualSd() > 1e-3 * Math.sqrt(g.v())) {
                    double hand = AdversarialTrainingTest.handSubgradientResidual(g, attack, eps, s.w());
                    assertTrue(hand < 1e-8 * scale, c[0] + " " + attack + " hand residual " + hand);
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
        // ℓ∞: least squares optimal iff ε/σ_c ≤ c (docs/math.md §4.5)
        assertTrue(t.certify(LpNorm.LINF, 0.99 * c, ls).kktResidual() < 1e-12);
        assertTrue(t.certify(LpNorm.LINF, 1.05 * c, ls).kktResidual() > 1e-3);
        assertTrue(t.solve(LpNorm.LINF, 0.99 * c).certificate().kktResidual() < 1e-12);
        assertTrue(t.solve(LpNorm.LINF, 1.05 * c).certificate().kktResidual() < 1e-12);
    }
}
