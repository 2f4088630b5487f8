package tradeoffs.theory.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import tradeoffs.theory.ReferenceTable;

/**
 * The standard risk in a test domain whose spurious correlation moved from η to η′
 * (docs/math.md §3.4, §5.2, [derived]) against Var(y − wᵀx) computed in mpmath from the
 * coefficients of the generative construction at η′ (src/test/python/regression_reference.py),
 * not from (Σ, b, v).
 */
class ShiftedRiskTest {
    /**
     * Relative 1e-13 on the risks (positive, O(1)): double rounding of v′ − 2wᵀb′ + wᵀΣ′w, whose
     * cancellation is at most tenfold for these weights. The gap MSE_η′ − MSE_η can be near 0, so
     * it is compared absolutely, to the same 1e-13 times the risks' size. Measured: 2.4e-16
     * relative on the risks, 1.8e-15 absolute on the gap.
     */
    static final double TOLERANCE = 1e-13;

    @Test
    void shiftedRiskMatchesTheConstruction() {
        for (ReferenceTable.Row r : ReferenceTable.load("two_feature_risk.csv").rows(r -> r.num("eps") == 0.0)) {
            CoreSpuriousModel train = ReferenceModels.twoFeature(r);
            double[] w = {r.num("w_core"), r.num("w_spurious")};
            double etaTest = r.num("eta_test");
            double shifted = r.num("shifted_risk");
            assertEquals(shifted, ShiftedRisk.of(train, etaTest, w), TOLERANCE * shifted, r.toString());
            assertEquals(
                    shifted, ShiftedRisk.of(train.withEta(etaTest).toGaussian(), w), TOLERANCE * shifted, r.toString());
            assertEquals(
                    r.num("standard_risk"),
                    ShiftedRisk.of(train.toGaussian(), w),
                    TOLERANCE * r.num("standard_risk"),
                    r.toString());
            double gap = TwoFeatureWeights.shiftedRiskGap(
                    r.num("sigma_core"), r.num("sigma_spurious"), r.num("eta"), etaTest, w[0], w[1]);
            assertEquals(
                    shifted - r.num("standard_risk"),
                    gap,
                    TOLERANCE * (shifted + r.num("standard_risk")),
                    r.toString());
        }
    }
}
