package tradeoffs.theory.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tradeoffs.theory.norm.LpNorm;

/** The four claims of docs/math.md §12.1 on the default model (σ_c = 1, η = 0.6, σ_n = 0.5). */
class ClaimsTest {
    private static final double[] EPS = grid(0.02, 1.0, 50);

    static double[] grid(double start, double stop, int n) {
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            g[i] = start + (stop - start) * i / (n - 1);
        }
        return g;
    }

    private static List<TradeoffPoint> curve(double sigmaSpurious, LpNorm attack) {
        return TradeoffCurve.coreSpurious(
                        CoreSpuriousModel.twoFeature(1.0, sigmaSpurious, 0.6, 0.5), 0.0, List.of(attack), EPS, true, 1)
                .get(0);
    }

    /** Claim 1: ℓ2 and ℓ1 training put weight on x_s for every ε > 0, and the spurious share grows with ε. */
    @Test
    void claim1SpuriousRelianceGrowsForL2AndL1() {
        for (LpNorm attack : new LpNorm[] {LpNorm.L2, LpNorm.L1}) {
            for (double ss : new double[] {0.5, 1.0, 2.0}) {
                List<TradeoffPoint> c = curve(ss, attack);
                double prev = 0.0;
                for (TradeoffPoint p : c) {
                    assertTrue(p.wSpurious() > 0, attack + " ss=" + ss + " eps=" + p.eps());
                    assertTrue(
                            p.spuriousReliance() >= prev - 1e-12, attack + " reliance must not fall, eps=" + p.eps());
                    prev = p.spuriousReliance();
                }
                // strictly growing while the weights are unconstrained: compare the first and a middle point
                assertTrue(c.get(20).spuriousReliance() > 2 * c.get(0).spuriousReliance());
                // the absolute spurious weight grows over small ε
                assertTrue(c.get(10).wSpurious() > c.get(0).wSpurious());
            }
        }
    }

    /** docs/math.md §4.6: under ℓ1 attacks w_s ≠ 0 for every ε > 0 when η ≠ 0, however small σ_s. */
    @Test
    void l1UsesTheSpuriousFeatureEvenWhenItIsTiny() {
        for (double ss : new double[] {0.05, 0.2}) {
            for (TradeoffPoint p : curve(ss, LpNorm.L1)) {
                assertTrue(p.wSpurious() > 0, "ss=" + ss + " eps=" + p.eps());
            }
        }
    }

    /** Claim 2: ℓ∞ puts exactly zero weight on x_s iff σ_s|η| ≤ σ_c (here σ_s ≤ 5/3). */
    @Test
    void claim2LinfScaleCondition() {
        for (double ss : new double[] {0.5, 1.0, 1.5, 5.0 / 3.0}) {
            for (TradeoffPoint p : curve(ss, LpNorm.LINF)) {
                assertEquals(0.0, p.wSpurious(), 0.0, "ss=" + ss + " eps=" + p.eps());
                assertEquals(0.0, p.w()[1], 0.0);
            }
        }
        for (double ss : new double[] {1.7, 2.0, 3.0}) {
            for (TradeoffPoint p : curve(ss, LpNorm.LINF)) {
                if (p.eps() < 1.0 && p.adversarialRisk() < 1.25 - 1e-9) {
                    assertTrue(p.wSpurious() > 0, "ss=" + ss + " eps=" + p.eps());
                }
            }
        }
    }

    /** Claim 3: at η′ = 0 < η the shifted risk grows with ε, and so does its excess over the training-domain risk at small ε. */
    @Test
    void claim3ShiftedRiskGrows() {
        for (LpNorm attack : new LpNorm[] {LpNorm.L2, LpNorm.L1}) {
            List<TradeoffPoint> c = curve(1.0, attack);
            for (int i = 1; i < c.size(); i++) {
                assertTrue(
                        c.get(i).shiftedRisk() > c.get(i - 1).shiftedRisk(),
                        attack + " eps=" + c.get(i).eps());
            }
            for (int i = 1; i < 15; i++) {
                double gapNow = c.get(i).shiftedRisk() - c.get(i).standardRisk();
                double gapBefore = c.get(i - 1).shiftedRisk() - c.get(i - 1).standardRisk();
                assertTrue(gapNow > gapBefore && gapNow > 0);
                // against docs/math.md §5.2's closed form: MSE_η′ − MSE_η = 2(1 − a)b(η − η′)
                double[] w = c.get(i).w();
                assertEquals(TwoFeatureWeights.shiftedRiskGap(1, 1, 0.6, 0.0, w[0], w[1]), gapNow, 1e-12);
                assertEquals(
                        TwoFeatureClosedForms.shiftedRisk(1, 1, 0.5, 0.0, w[0], w[1]),
                        c.get(i).shiftedRisk(),
                        1e-12);
            }
        }
        // the standard model (ε = 0, w_s = 0) is unaffected by the shift
        GaussianModel g = CoreSpuriousModel.defaults().toGaussian();
        double[] ls = g.leastSquares();
        assertEquals(g.residualVariance(ls), ShiftedRisk.of(CoreSpuriousModel.defaults(), 0.0, ls), 1e-14);
    }

    /** Claim 4: keeping x_s never raises the minimal adversarial risk, and strictly lowers it when w_s ≠ 0. */
    @Test
    void claim4SpuriousFeaturesHelpRobustness() {
        for (LpNorm attack : new LpNorm[] {LpNorm.L2, LpNorm.L1, LpNorm.LINF}) {
            for (double ss : new double[] {1.0, 2.0}) {
                for (TradeoffPoint p : curve(ss, attack)) {
                    assertTrue(p.spuriousBenefit() >= -1e-14);
                    if (Math.abs(p.w()[1]) > 1e-6) {
                        assertTrue(p.spuriousBenefit() > 0, attack + " ss=" + ss + " eps=" + p.eps());
                    } else {
                        assertEquals(0.0, p.spuriousBenefit(), 1e-13);
                    }
                }
            }
        }
        SpuriousBenefit b = SpuriousBenefit.of(CoreSpuriousModel.defaults().toGaussian(), 1, LpNorm.L2, 0.5);
        assertTrue(b.gap() > 0.01);
        assertEquals(b.riskCoreOnly() - b.riskWithSpurious(), b.gap(), 0);
    }

    @Test
    void curvesDoNotDependOnThreadCount() {
        CoreSpuriousModel m = new CoreSpuriousModel(3, 2, 1.0, 2.0, 0.5, 0.4);
        List<LpNorm> norms = List.of(LpNorm.L1, LpNorm.L2, LpNorm.LINF);
        List<List<TradeoffPoint>> one = TradeoffCurve.coreSpurious(m, -0.2, norms, EPS, true, 1);
        List<List<TradeoffPoint>> two = TradeoffCurve.coreSpurious(m, -0.2, norms, EPS, true, 2);
        assertEquals(one, two);
        // block summaries for d_c = 3, d_s = 2 are ℓ2 norms of the blocks
        TradeoffPoint p = one.get(1).get(10);
        double[] w = p.w();
        assertEquals(Math.sqrt(w[0] * w[0] + w[1] * w[1] + w[2] * w[2]), p.wCore(), 1e-15);
        assertEquals(Math.hypot(w[3], w[4]), p.wSpurious(), 1e-15);
    }
}
