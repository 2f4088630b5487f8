package tradeoffs.theory.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import tradeoffs.theory.norm.LpNorm;

/** Properties of the two-feature model over random parameters (docs/math.md §4, §5.2). */
class ClaimPropertiesTest {

    /** ℓ∞: w_s is exactly 0 iff σ_s|η| ≤ σ_c (away from the boundary and while w ≠ 0). */
    @Property(tries = 300)
    void linfScaleConditionDecidesTheSpuriousWeight(
            @ForAll @DoubleRange(min = 0.2, max = 3) double sc,
            @ForAll @DoubleRange(min = 0.2, max = 3) double ss,
            @ForAll @DoubleRange(min = -0.95, max = 0.95) double eta,
            @ForAll @DoubleRange(min = 0.05, max = 1.5) double noise,
            @ForAll @DoubleRange(min = 0.01, max = 2) double eps) {
        double ratio = ss * Math.abs(eta) / sc;
        Assume.that(Math.abs(ratio - 1) > 0.01);
        GaussianModel g = CoreSpuriousModel.twoFeature(sc, ss, eta, noise).toGaussian();
        AdversarialSolution s = AdversarialTraining.solve(g, LpNorm.LINF, eps);
        Assume.that(s.penaltyNorm() > 0);
        if (ratio < 1) {
            assertEquals(0.0, s.w(1), 0.0);
        } else {
            assertTrue(s.w(1) != 0.0, "ratio " + ratio + " w = " + java.util.Arrays.toString(s.w()));
        }
        assertTrue(s.certificate().kktResidual() < 1e-9, s.certificate().toString());
    }

    /**
     * Claim 1 beyond the default model: for σ_n &gt; 0 and η ≠ 0 the ℓ2 ratio w_s/w_c (docs/math.md §4.2:
     * λσ_sη/(σ_c(σ_s²(1−η²) + λ))) grows with ε, and ℓ1 spurious reliance never falls, while w ≠ 0.
     */
    @Property(tries = 60)
    void spuriousShareGrowsWithEpsForL2AndL1(
            @ForAll @DoubleRange(min = 0.2, max = 3) double ss,
            @ForAll @DoubleRange(min = 0.05, max = 0.95) double absEta,
            @ForAll boolean negative,
            @ForAll @DoubleRange(min = 0.05, max = 1.5) double noise) {
        double eta = negative ? -absEta : absEta;
        GaussianModel g = CoreSpuriousModel.twoFeature(1.0, ss, eta, noise).toGaussian();
        AdversarialTraining t = new AdversarialTraining(g);
        double prevRatio = 0.0;
        double prevReliance = 0.0;
        AdversarialSolution prevL1 = null;
        for (int k = 1; k <= 40; k++) {
            double eps = 0.03 * k;
            AdversarialSolution l2 = t.solve(LpNorm.L2, eps);
            if (l2.penaltyNorm() > 0) {
                double ratio = l2.w(1) / l2.w(0) * Math.signum(eta);
                assertTrue(ratio > prevRatio, "l2 ratio must grow: eps=" + eps + " " + ratio + " <= " + prevRatio);
                prevRatio = ratio;
            }
            prevL1 = t.solve(LpNorm.L1, eps, prevL1);
            if (prevL1.penaltyNorm() > 0) {
                double rel = SpuriousReliance.of(g, prevL1.w(), 1);
                assertTrue(rel >= prevReliance - 1e-12, "l1 reliance must not fall: eps=" + eps);
                assertTrue(prevL1.w(1) != 0.0);
                prevReliance = rel;
            }
        }
    }

    /** Claim 4: dropping the spurious feature never lowers the minimal adversarial risk (any attack). */
    @Property(tries = 150)
    void spuriousFeaturesNeverHurtTheBestAdversarialRisk(
            @ForAll @DoubleRange(min = 0.2, max = 3) double ss,
            @ForAll @DoubleRange(min = -0.95, max = 0.95) double eta,
            @ForAll @DoubleRange(min = 0.0, max = 1.5) double noise,
            @ForAll @DoubleRange(min = 0.0, max = 2) double eps) {
        GaussianModel g = CoreSpuriousModel.twoFeature(1.0, ss, eta, noise).toGaussian();
        for (LpNorm attack : new LpNorm[] {LpNorm.L1, LpNorm.L2, LpNorm.LINF}) {
            SpuriousBenefit b = SpuriousBenefit.of(g, 1, attack, eps);
            assertTrue(b.gap() >= -1e-12 * (1 + b.riskCoreOnly()), attack + " gap " + b.gap());
        }
    }
}
