package tradeoffs.theory.regression;

import org.junit.jupiter.api.Test;
import tradeoffs.theory.ReferenceTable;

/**
 * Adversarial training for attack norms other than ℓ1, ℓ2, ℓ∞ (docs/math.md §4.7; here p = 3 and
 * p = 1.5, where R_ε is smooth away from w = 0), through the public {@link AdversarialTraining},
 * against weights from an independent 60-digit minimisation in mpmath
 * (src/test/python/regression_reference.py).
 * Tolerances: {@link ReferenceWeights}.
 */
class SmoothNormDescentTest {
    @Test
    void twoFeatureWeightsMatchTheHighPrecisionMinimiser() {
        for (ReferenceTable.Row r : ReferenceTable.load("two_feature_weights.csv")
                .rows(r -> !r.text("attack").startsWith("l"))) {
            ReferenceWeights.assertTwoFeature(
                    r,
                    AdversarialTraining.solve(
                            ReferenceModels.twoFeature(r).toGaussian(), ReferenceWeights.attack(r), r.num("eps")));
        }
    }
}
