package tradeoffs.theory.regression;

import tradeoffs.theory.norm.LpNorm;

/** The scalar quantities of the optimality condition of docs/math.md §4.1. */
final class FixedPoint {
    private FixedPoint() {}

    /**
     * τ = εs(cs + εn)/(s + cεn), the effective penalty: every minimiser with s &gt; 0 satisfies
     * Σw − b = −τg, g ∈ ∂‖w‖_q (docs/math.md §4.1). τ = 0 when s = 0 (the limit).
     */
    static double tau(double s, double n, double eps) {
        if (s == 0.0 || eps == 0.0) {
            return 0.0;
        }
        return eps * s * (AdversarialRisk.C * s + eps * n) / (s + AdversarialRisk.C * eps * n);
    }

    /**
     * w = 0 minimises R_ε iff ‖b‖_p ≤ cε√v [derived: at w = 0, ∂R = −2b + 2cε√v·B_p].
     */
    static boolean zeroIsOptimal(GaussianModel m, LpNorm attack, double eps) {
        return attack.norm(m.b()) <= AdversarialRisk.C * eps * Math.sqrt(m.v());
    }
}
