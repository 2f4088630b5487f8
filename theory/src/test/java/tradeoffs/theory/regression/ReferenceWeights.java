package tradeoffs.theory.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;

import tradeoffs.theory.ReferenceTable;
import tradeoffs.theory.norm.LpNorm;

/**
 * Compares a solver's answer with a row of the reference weight fixtures (two_feature_weights.csv,
 * gaussian_weights.csv), with the tolerances the per-solver test classes share.
 */
final class ReferenceWeights {
    /**
     * Absolute, on each weight (weights can be exactly 0, so not relative): the solvers stop at a
     * KKT residual of about 1e-12, and R_ε curves by at least ~0.1 around the minimiser of every
     * fixture model (λ_min(Σ) ≥ 0.13), so a solver that keeps its stopping rule is within ~1e-11 of
     * the minimiser. Measured when the fixtures were made: at most 1e-15.
     */
    static final double WEIGHT_TOLERANCE = 1e-11;

    /**
     * Relative, on R_ε(w) and s(w)² (positive, O(1)): the value at the minimiser moves only
     * quadratically with the weights' error, so what remains is double rounding of ~20 operations
     * with at most a tenfold cancellation in s² = v − 2wᵀb + wᵀΣw. Measured: at most 3e-15.
     */
    static final double RISK_TOLERANCE = 1e-13;

    private ReferenceWeights() {}

    /** The attack norm of a row ("l1", "l2", "linf" or a number p). */
    static LpNorm attack(ReferenceTable.Row r) {
        return LpNorm.parse(r.text("attack"));
    }

    /** w, R_ε(w) and s(w)² of a two-feature row against the solution. */
    static void assertTwoFeature(ReferenceTable.Row r, AdversarialSolution s) {
        assertEquals(r.num("w_core"), s.w(0), WEIGHT_TOLERANCE, "w_core " + r);
        assertEquals(r.num("w_spurious"), s.w(1), WEIGHT_TOLERANCE, "w_spurious " + r);
        assertEquals(
                r.num("adversarial_risk"),
                s.adversarialRisk(),
                RISK_TOLERANCE * r.num("adversarial_risk"),
                "R_eps " + r);
        assertEquals(r.num("standard_risk"), s.standardRisk(), RISK_TOLERANCE * r.num("standard_risk"), "s^2 " + r);
    }

    /** w and R_ε(w) of a gaussian_weights.csv row against the solution. */
    static void assertMoments(ReferenceTable.Row r, AdversarialSolution s) {
        double[] want = r.vector("w");
        assertEquals(want.length, s.dim());
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], s.w(i), WEIGHT_TOLERANCE, "w_" + i + " " + r);
        }
        assertEquals(
                r.num("adversarial_risk"),
                s.adversarialRisk(),
                RISK_TOLERANCE * r.num("adversarial_risk"),
                "R_eps " + r);
    }
}
