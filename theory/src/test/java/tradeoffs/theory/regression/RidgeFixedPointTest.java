package tradeoffs.theory.regression;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tradeoffs.theory.ReferenceTable;
import tradeoffs.theory.norm.LpNorm;

/**
 * ℓ2 adversarial training (ridge with a self-consistent penalty, docs/math.md §4.2) against weights
 * computed outside the project: an independent 60-digit minimisation of R_ε in mpmath
 * (src/test/python/regression_reference.py). Tolerances: {@link ReferenceWeights}.
 */
class RidgeFixedPointTest {
    @Test
    void twoFeatureWeightsMatchTheHighPrecisionMinimiser() {
        for (ReferenceTable.Row r : ReferenceTable.load("two_feature_weights.csv")
                .rows(r -> r.text("attack").equals("l2"))) {
            GaussianModel g = ReferenceModels.twoFeature(r).toGaussian();
            ReferenceWeights.assertTwoFeature(r, RidgeFixedPoint.solve(g, r.num("eps")));
            ReferenceWeights.assertTwoFeature(r, AdversarialTraining.solve(g, LpNorm.L2, r.num("eps")));
        }
    }

    @Test
    void threeFeatureWeightsMatchTheHighPrecisionMinimiser() {
        for (ReferenceTable.Row r : ReferenceTable.load("gaussian_weights.csv")
                .rows(r -> r.text("attack").equals("l2"))) {
            AdversarialSolution s = RidgeFixedPoint.solve(ReferenceModels.moments(r), r.num("eps"));
            ReferenceWeights.assertMoments(r, s);
            assertTrue(s.certificate().kktResidual() < 1e-12, s.toString());
        }
    }
}
