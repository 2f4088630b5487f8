package tradeoffs.theory.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tradeoffs.theory.ReferenceTable;

/**
 * The closed forms of the two-feature core/spurious model (docs/math.md §4.2–§4.6 and §5.2, [derived]) against values
 * computed outside the project in mpmath (src/test/python/regression_reference.py): a 60-digit
 * linear solve for the ridge weights, and the independent minimiser of R_ε for everything that
 * describes the adversarially trained weights.
 */
class TwoFeatureClosedFormsTest {
    /**
     * Absolute, on weights of size O(1): the D-formula is a handful of operations whose worst
     * cancellation here is 1 − η² = 0.19 (η = 0.9), so rounding stays below ~1e-15. Measured: 2e-16.
     */
    static final double RIDGE_TOLERANCE = 1e-14;

    @Test
    void ridgeWeightsMatchALinearSolve() {
        for (ReferenceTable.Row r :
                ReferenceTable.load("two_feature_ridge_weights.csv").rows()) {
            double[] w = TwoFeatureWeights.l2Weights(
                    r.num("sigma_core"), r.num("sigma_spurious"), r.num("eta"), r.num("lambda"));
            assertEquals(r.num("w_core"), w[0], RIDGE_TOLERANCE, r.toString());
            assertEquals(r.num("w_spurious"), w[1], RIDGE_TOLERANCE, r.toString());
        }
    }

    /**
     * The self-consistent ℓ2 penalty λ against the λ read off the minimiser ((Σ + λI)w = b).
     * Relative (λ ranges over three decades, 0.02 to 40): Brent stops within ~1e-15 absolute of the
     * root, i.e. 5e-14 relative at the smallest λ, so 1e-12; measured 2e-15. The weights rebuilt
     * from λ must then match the minimiser to the solvers' weight tolerance.
     */
    @Test
    void l2PenaltyMatchesTheMinimisersRidgeForm() {
        ReferenceTable weights = ReferenceTable.load("two_feature_weights.csv");
        for (ReferenceTable.Row r :
                ReferenceTable.load("two_feature_l2_penalty.csv").rows()) {
            double sc = r.num("sigma_core");
            double ss = r.num("sigma_spurious");
            double eta = r.num("eta");
            double lambda = TwoFeatureWeights.l2Penalty(sc, ss, eta, r.num("noise"), r.num("eps"));
            assertEquals(r.num("lambda"), lambda, 1e-12 * r.num("lambda"), r.toString());
            ReferenceTable.Row w = weights.rows(x -> x.text("attack").equals("l2") && sameModel(x, r))
                    .get(0);
            double[] rebuilt = TwoFeatureWeights.l2Weights(sc, ss, eta, lambda);
            assertEquals(w.num("w_core"), rebuilt[0], ReferenceWeights.WEIGHT_TOLERANCE, r.toString());
            assertEquals(w.num("w_spurious"), rebuilt[1], ReferenceWeights.WEIGHT_TOLERANCE, r.toString());
        }
    }

    /** ℓ∞ under the scale condition: w_s = 0 and w_c from the 1-D equation, noisy and noiseless rows. */
    @Test
    void linfCoreWeightMatchesTheMinimiserUnderTheScaleCondition() {
        int checked = 0;
        for (ReferenceTable.Row r : ReferenceTable.load("two_feature_weights.csv")
                .rows(r -> r.text("attack").equals("linf"))) {
            double sc = r.num("sigma_core");
            double ss = r.num("sigma_spurious");
            double eta = r.num("eta");
            if (!TwoFeatureWeights.linfScaleCondition(sc, ss, eta)) {
                continue;
            }
            checked++;
            // the reference w_s is 0 up to 1e-19: a fixture model sits on the boundary σ_s|η| = 2.5 · 0.4 = σ_c,
            // where the binary values of 2.5 and 0.4 multiply to 1 + 5.6e-17 exactly (1.0 in double arithmetic)
            assertEquals(
                    0.0,
                    r.num("w_spurious"),
                    ReferenceWeights.WEIGHT_TOLERANCE,
                    "reference w_s under the scale condition: " + r);
            assertEquals(
                    r.num("w_core"),
                    TwoFeatureWeights.linfCoreWeight(sc, ss, eta, r.num("noise"), r.num("eps")),
                    ReferenceWeights.WEIGHT_TOLERANCE,
                    r.toString());
        }
        assertTrue(checked >= 10, "rows under the scale condition: " + checked);
        for (ReferenceTable.Row r : ReferenceTable.load("linf_noiseless.csv").rows()) {
            assertEquals(
                    r.num("w_core"),
                    TwoFeatureWeights.linfCoreWeight(
                            r.num("sigma_core"), r.num("sigma_spurious"), r.num("eta"), 0.0, r.num("eps")),
                    ReferenceWeights.WEIGHT_TOLERANCE,
                    r.toString());
        }
    }

    /** σ_c w_c = 1, (1 − ck)/(1 − 2ck + k²), 0 on the three ranges of k = ε/σ_c, against the minimiser. */
    @Test
    void noiselessLinfFormulaMatchesTheMinimiser() {
        for (ReferenceTable.Row r : ReferenceTable.load("linf_noiseless.csv").rows()) {
            assertEquals(
                    r.num("w_core"),
                    TwoFeatureWeights.linfNoiselessCoreWeight(
                            r.num("sigma_core"), r.num("sigma_spurious"), r.num("eta"), r.num("eps")),
                    ReferenceWeights.WEIGHT_TOLERANCE,
                    r.toString());
        }
    }

    /** ℓ1 attack: the lock |w_c| = |w_s| is predicted exactly where the minimiser is tied, with its magnitude. */
    @Test
    void l1LockMatchesTheMinimisersTies() {
        int locked = 0;
        for (ReferenceTable.Row r : ReferenceTable.load("two_feature_weights.csv")
                .rows(r -> r.text("attack").equals("l1"))) {
            double sc = r.num("sigma_core");
            double ss = r.num("sigma_spurious");
            double eta = r.num("eta");
            double m = TwoFeatureWeights.l1LockedMagnitude(sc, ss, eta, r.num("noise"), r.num("eps"));
            boolean tied = r.text("support").startsWith("tied");
            assertEquals(tied, TwoFeatureWeights.l1IsLocked(sc, ss, eta, m), r.toString());
            if (tied) {
                locked++;
                assertEquals(Math.abs(r.num("w_core")), m, ReferenceWeights.WEIGHT_TOLERANCE, r.toString());
            }
        }
        assertTrue(locked >= 5, "tied rows: " + locked);
    }

    /**
     * The ℓ∞ scale condition σ_s|η| ≤ σ_c against the boundary found by bisection in mpmath. Where
     * the best point with w_s = 0 has w_c &gt; 0 (face "core"), the boundary is the scale
     * condition's, for every ε; where it is w = 0 (large ε, face "zero") the boundary lies beyond
     * it (σ_s|η| = cε√v), which the condition, a statement about every ε, does not claim.
     * Tolerance: relative 1e-12 on σ_s* (the bisection brackets it to 1e-34).
     */
    @Test
    void scaleConditionIsTheReferenceBoundary() {
        for (ReferenceTable.Row r :
                ReferenceTable.load("linf_scale_boundary.csv").rows()) {
            double sc = r.num("sigma_core");
            double eta = r.num("eta");
            double boundary = r.num("sigma_spurious_boundary");
            if (r.text("face").equals("core")) {
                assertEquals(sc / Math.abs(eta), boundary, 1e-12 * boundary, r.toString());
                assertTrue(TwoFeatureWeights.linfScaleCondition(sc, boundary * (1 - 1e-9), eta), r.toString());
                assertFalse(TwoFeatureWeights.linfScaleCondition(sc, boundary * (1 + 1e-9), eta), r.toString());
            } else {
                double v = 1 + r.num("noise") * r.num("noise");
                assertEquals(
                        AdversarialRisk.C * r.num("eps") * Math.sqrt(v) / Math.abs(eta),
                        boundary,
                        1e-12 * boundary,
                        r.toString());
                assertFalse(TwoFeatureWeights.linfScaleCondition(sc, boundary, eta), r.toString());
            }
        }
    }

    /**
     * R_ε and the shifted-correlation risk of given weights against quadrature over the Gaussian
     * residual (R_ε) and the variance from the generative construction (shifted risk). Relative
     * 1e-13: double rounding of ~20 operations with at most a tenfold cancellation; measured 1.3e-15.
     */
    @Test
    void risksOfGivenWeightsMatchQuadrature() {
        for (ReferenceTable.Row r : ReferenceTable.load("two_feature_risk.csv").rows()) {
            double sc = r.num("sigma_core");
            double ss = r.num("sigma_spurious");
            double wc = r.num("w_core");
            double ws = r.num("w_spurious");
            double p = ReferenceWeights.attack(r).p();
            assertEquals(
                    r.num("adversarial_risk"),
                    TwoFeatureClosedForms.adversarialRisk(
                            sc, ss, r.num("eta"), r.num("noise"), p, r.num("eps"), wc, ws),
                    1e-13 * r.num("adversarial_risk"),
                    r.toString());
            assertEquals(
                    r.num("shifted_risk"),
                    TwoFeatureClosedForms.shiftedRisk(sc, ss, r.num("noise"), r.num("eta_test"), wc, ws),
                    1e-13 * r.num("shifted_risk"),
                    r.toString());
            assertEquals(
                    r.num("standard_risk"),
                    TwoFeatureClosedForms.shiftedRisk(sc, ss, r.num("noise"), r.num("eta"), wc, ws),
                    1e-13 * r.num("standard_risk"),
                    r.toString());
        }
    }

    private static boolean sameModel(ReferenceTable.Row a, ReferenceTable.Row b) {
        for (String c : new String[] {"sigma_core", "sigma_spurious", "eta", "noise", "eps"}) {
            if (a.num(c) != b.num(c)) {
                return false;
            }
        }
        return true;
    }
}
