package tradeoffs.theory.regression;

import java.util.Arrays;
import tradeoffs.theory.norm.LpNorm;

/**
 * Population adversarially trained weights w = argmin R_ε(w) (docs/math.md §4) with their risks and
 * an optimality certificate.
 *
 * @param attack          the attack norm p (‖δ‖_p ≤ ε)
 * @param eps             the attack radius ε
 * @param w               the weights (copied in and out)
 * @param residualSd      s(w) = √(v − 2wᵀb + wᵀΣw)
 * @param penaltyNorm     n = ‖w‖_q, q the dual exponent
 * @param tau             τ = εs(cs + εn)/(s + cεn), the effective penalty of docs/math.md §4.1
 * @param standardRisk    R_0(w) = s²
 * @param adversarialRisk R_ε(w) = s² + 2cεns + ε²n²
 * @param certificate     the optimality certificate
 */
public record AdversarialSolution(
        LpNorm attack,
        double eps,
        double[] w,
        double residualSd,
        double penaltyNorm,
        double tau,
        double standardRisk,
        double adversarialRisk,
        OptimalityCertificate certificate) {
    public AdversarialSolution {
        w = w.clone();
    }

    /** Builds the solution for weights w: evaluates s, n, τ, both risks and the certificate. */
    static AdversarialSolution of(PreparedModel pm, LpNorm attack, double eps, double[] w, String method) {
        double[] gradient = new double[pm.d];
        double s = Math.sqrt(pm.residualVarianceAndGradient(w, gradient));
        double n = attack.dualNorm(w);
        double tau = FixedPoint.tau(s, n, eps);
        OptimalityCertificate cert = Certificates.of(pm, attack, eps, w, gradient, s, n, method);
        return new AdversarialSolution(attack, eps, w, s, n, tau, s * s, AdversarialRisk.fromMoments(s, n, eps), cert);
    }

    /**
     * As {@link #of(PreparedModel, LpNorm, double, double[], String)} with Σw − b already at hand
     * (from products with Σ the solver kept: the Krylov basis' Σv_k, a pattern's path; it is
     * overwritten; null: computed here), so that no pass over Σ is needed: s(w)² comes from it by
     * {@link PreparedModel#residualVarianceFromGradient} when that is accurate, else from Σ.
     */
    static AdversarialSolution of(
            PreparedModel pm, LpNorm attack, double eps, double[] w, double[] gradient, String method) {
        if (gradient == null) {
            return of(pm, attack, eps, w, method);
        }
        double s2 = pm.residualVarianceFromGradient(w, gradient);
        double s = Math.sqrt(Double.isNaN(s2) ? pm.residualVariance(w) : s2);
        double n = attack.dualNorm(w);
        double tau = FixedPoint.tau(s, n, eps);
        OptimalityCertificate cert = Certificates.of(pm, attack, eps, w, gradient, s, n, method);
        return new AdversarialSolution(attack, eps, w, s, n, tau, s * s, AdversarialRisk.fromMoments(s, n, eps), cert);
    }

    @Override
    public double[] w() {
        return w.clone();
    }

    /** w_i without copying. */
    public double w(int i) {
        return w[i];
    }

    /** The number of weights. */
    public int dim() {
        return w.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AdversarialSolution a
                && a.attack.equals(attack)
                && a.eps == eps
                && Arrays.equals(a.w, w)
                && a.certificate.equals(certificate);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(w) * 31 + Double.hashCode(eps);
    }

    @Override
    public String toString() {
        return "AdversarialSolution[" + attack + ", eps=" + eps + ", w=" + Arrays.toString(w) + ", R_eps="
                + adversarialRisk + ", " + certificate + "]";
    }
}
