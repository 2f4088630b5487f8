package tradeoffs.theory.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;
import tradeoffs.theory.ReferenceTable;
import tradeoffs.theory.norm.LpNorm;

/**
 * ℓ∞ and ℓ1 adversarial training (non-smooth penalties ‖w‖₁ and ‖w‖_∞, docs/math.md §4.3–§4.6, §4.8), through the
 * public {@link AdversarialTraining}, against weights computed outside the project: an independent
 * 60-digit piecewise minimisation of R_ε in mpmath, certified by its directional derivatives
 * (src/test/python/regression_reference.py). Tolerances: {@link ReferenceWeights}; where the
 * reference minimiser sits on a face (a zero weight, or |w_c| = |w_s|), the solver must return it
 * exactly, as documented by the solver.
 */
class PolyhedralFixedPointTest {
    @Test
    void twoFeatureWeightsMatchTheHighPrecisionMinimiser() {
        for (ReferenceTable.Row r : ReferenceTable.load("two_feature_weights.csv")
                .rows(r -> r.text("attack").equals("l1") || r.text("attack").equals("linf"))) {
            AdversarialSolution s = AdversarialTraining.solve(
                    ReferenceModels.twoFeature(r).toGaussian(), ReferenceWeights.attack(r), r.num("eps"));
            ReferenceWeights.assertTwoFeature(r, s);
            String support = r.text("support");
            if (support.equals("zero:0") || support.equals("w=0")) {
                assertEquals(0.0, s.w(0), 0.0, "w_core must be exactly 0: " + r);
            }
            if (support.equals("zero:1") || support.equals("w=0")) {
                assertEquals(0.0, s.w(1), 0.0, "w_spurious must be exactly 0: " + r);
            }
            if (support.startsWith("tied")) {
                assertEquals(Math.abs(s.w(0)), Math.abs(s.w(1)), 0.0, "|w_core| = |w_spurious| exactly: " + r);
            }
        }
    }

    @Test
    void threeFeatureWeightsMatchTheHighPrecisionMinimiser() {
        for (ReferenceTable.Row r : ReferenceTable.load("gaussian_weights.csv")
                .rows(r -> r.text("attack").equals("l1") || r.text("attack").equals("linf"))) {
            ReferenceWeights.assertMoments(
                    r, AdversarialTraining.solve(ReferenceModels.moments(r), ReferenceWeights.attack(r), r.num("eps")));
        }
    }

    /** Noiseless ℓ∞ (σ_n = 0, σ_s|η| ≤ σ_c) across both breakpoints k = c and k = 1/c, where s(w) reaches 0. */
    @Test
    void noiselessLinfWeightsMatchTheHighPrecisionMinimiser() {
        for (ReferenceTable.Row r : ReferenceTable.load("linf_noiseless.csv").rows()) {
            GaussianModel g = CoreSpuriousModel.twoFeature(
                            r.num("sigma_core"), r.num("sigma_spurious"), r.num("eta"), 0.0)
                    .toGaussian();
            AdversarialSolution s = AdversarialTraining.solve(g, LpNorm.LINF, r.num("eps"));
            assertEquals(r.num("w_core"), s.w(0), ReferenceWeights.WEIGHT_TOLERANCE, r.toString());
            assertEquals(0.0, s.w(1), 0.0, "w_spurious must be exactly 0: " + r);
        }
    }

    /**
     * The scale condition from the solver's side: 0.1% below the boundary σ_s* found by bisection
     * in mpmath the solver's w_s is exactly 0, 0.1% above it is not (w_s grows linearly from the
     * boundary, so 0.1% gives |w_s| ≫ the solver's rounding).
     */
    @Test
    void spuriousWeightLeavesZeroAtTheReferenceBoundary() {
        for (ReferenceTable.Row r :
                ReferenceTable.load("linf_scale_boundary.csv").rows()) {
            double boundary = r.num("sigma_spurious_boundary");
            for (double factor : new double[] {0.999, 1.001}) {
                GaussianModel g = CoreSpuriousModel.twoFeature(
                                r.num("sigma_core"), boundary * factor, r.num("eta"), r.num("noise"))
                        .toGaussian();
                double ws =
                        AdversarialTraining.solve(g, LpNorm.LINF, r.num("eps")).w(1);
                if (factor < 1) {
                    assertEquals(0.0, ws, 0.0, "below the boundary " + r);
                } else {
                    assertNotEquals(0.0, ws, "above the boundary " + r);
                }
            }
        }
    }

    /**
     * The radii where the support changes (ℓ∞ above the scale condition: w_c reaches 0, then w;
     * ℓ1: the lock |w_c| = |w_s|, then w = 0), found in mpmath by bisection on certified
     * optimality. 0.1% before each threshold the solver's weights do not have the new support,
     * 0.1% after they have it exactly (the weights move linearly through a threshold, so 0.1% of ε
     * is ~1e-4 in the weights, far above rounding).
     */
    @Test
    void supportChangesAtTheReferenceRadii() {
        for (ReferenceTable.Row r :
                ReferenceTable.load("two_feature_thresholds.csv").rows()) {
            GaussianModel g = ReferenceModels.twoFeature(r).toGaussian();
            LpNorm attack = ReferenceWeights.attack(r);
            double eps = r.num("eps");
            double[] before = AdversarialTraining.solve(g, attack, eps * 0.999).w();
            double[] after = AdversarialTraining.solve(g, attack, eps * 1.001).w();
            String what =
                    r + " before " + java.util.Arrays.toString(before) + " after " + java.util.Arrays.toString(after);
            switch (r.text("threshold")) {
                case "core_zero" -> {
                    assertNotEquals(0.0, before[0], what);
                    assertEquals(0.0, after[0], 0.0, what);
                    assertNotEquals(0.0, after[1], what);
                }
                case "all_zero" -> {
                    assertNotEquals(0.0, Math.abs(before[0]) + Math.abs(before[1]), what);
                    assertEquals(0.0, after[0], 0.0, what);
                    assertEquals(0.0, after[1], 0.0, what);
                }
                case "lock" -> {
                    assertNotEquals(Math.abs(before[0]), Math.abs(before[1]), what);
                    assertEquals(Math.abs(after[0]), Math.abs(after[1]), 0.0, what);
                    assertNotEquals(0.0, after[0], what);
                }
                default -> throw new IllegalStateException("unknown threshold " + r);
            }
        }
    }
}
