package tradeoffs.theory.regression;

import tradeoffs.theory.norm.LpNorm;

/**
 * The population adversarially trained weights w = argmin_w R_ε(w) for any attack norm p ∈ [1, ∞]
 * and any jointly Gaussian model (docs/math.md §4, [derived]); every answer carries an
 * {@link OptimalityCertificate}.
 *
 * <ul>
 *   <li>p = 2: {@link RidgeFixedPoint} (ridge with a self-consistent penalty);</li>
 *   <li>p = ∞ and p = 1: {@link PolyhedralFixedPoint} (penalty search plus an exact active-set step);</li>
 *   <li>other p: conjugate gradient on R_ε (smooth away from w = 0).</li>
 * </ul>
 *
 * <p>An instance prepares the model once (eigen-decomposition, least squares) and is immutable and
 * thread-safe; pass the previous solution as a warm start along a grid of ε. Warm starts change
 * the work done, never the answer beyond the certificate's tolerance.
 */
public final class AdversarialTraining {
    private final PreparedModel prepared;

    public AdversarialTraining(GaussianModel model) {
        this.prepared = new PreparedModel(model);
    }

    /** One-off solve. */
    public static AdversarialSolution solve(GaussianModel model, LpNorm attack, double eps) {
        return new AdversarialTraining(model).solve(attack, eps);
    }

    public GaussianModel model() {
        return prepared.model();
    }

    /** argmin_w R_ε(w) under the ℓp attack of radius ε. */
    public AdversarialSolution solve(LpNorm attack, double eps) {
        return solve(attack, eps, null);
    }

    /** argmin_w R_ε(w), warm-started from {@code warm} (may be null; ignored if for another attack). */
    public AdversarialSolution solve(LpNorm attack, double eps, AdversarialSolution warm) {
        AdversarialRisk.checkEps(eps);
        if (eps == 0.0) {
            return AdversarialSolution.of(prepared, attack, 0.0, prepared.leastSquares, "least-squares");
        }
        if (attack.isTwo()) {
            return RidgeFixedPoint.solve(prepared, eps);
        }
        if (attack.isOne() || attack.isInfinity()) {
            return PolyhedralFixedPoint.solve(prepared, attack, eps, warm);
        }
        return SmoothNormDescent.solve(prepared, attack, eps, warm);
    }

    /** The certificate of arbitrary weights w (for checking weights computed elsewhere). */
    public OptimalityCertificate certify(LpNorm attack, double eps, double[] w) {
        double s = Math.sqrt(prepared.residualVariance(w));
        return Certificates.of(prepared, attack, eps, w, s, attack.dualNorm(w), "external");
    }

    /** The least-squares weights Σ⁻¹b (ε = 0). */
    public double[] leastSquares() {
        return prepared.leastSquares.clone();
    }
}
