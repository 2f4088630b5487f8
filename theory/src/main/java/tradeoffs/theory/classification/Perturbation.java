package tradeoffs.theory.classification;

import tradeoffs.theory.ParameterException;
import tradeoffs.theory.norm.LpNorm;

/**
 * One perturbation type: the ℓp ball {δ : ‖δ‖_p ≤ ε}.
 *
 * @param norm the attack norm p
 * @param eps the radius ε ≥ 0
 */
public record Perturbation(LpNorm norm, double eps) {
    public Perturbation {
        if (norm == null) {
            throw new ParameterException("norm", "must be given", null);
        }
        if (!(eps >= 0.0) || Double.isInfinite(eps)) {
            throw new ParameterException("eps", "must be finite and >= 0", eps);
        }
    }

    /** The ℓ∞ ball of radius ε. */
    public static Perturbation linf(double eps) {
        return new Perturbation(LpNorm.LINF, eps);
    }

    /** The ℓ1 ball of radius ε. */
    public static Perturbation l1(double eps) {
        return new Perturbation(LpNorm.L1, eps);
    }

    /**
     * The largest decrease of a linear score wᵀx over the ball: max_{‖δ‖_p ≤ ε} (−wᵀδ) = ε‖w‖_q
     * (dual norm; docs/math.md §1.2 and §10.2, [derived]).
     */
    public double marginReduction(double[] w) {
        return eps == 0.0 ? 0.0 : eps * norm.dualNorm(w);
    }

    /**
     * The worst-case perturbation for label y ∈ {−1, +1}: δ* = −y·ε·u*, u* ∈ argmax_{‖u‖_p ≤ 1} uᵀw
     * ({@link LpNorm#worstCaseDirection}), so y·wᵀ(x + δ*) = y·wᵀx − ε‖w‖_q (docs/math.md §2.1, [derived]).
     * y must be −1 or +1.
     */
    public double[] worstCaseDelta(double[] w, int y) {
        double[] u = norm.worstCaseDirection(w);
        double s = -Math.signum(y) * eps;
        for (int i = 0; i < u.length; i++) {
            u[i] *= s;
        }
        return u;
    }
}
