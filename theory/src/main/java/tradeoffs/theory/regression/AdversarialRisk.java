package tradeoffs.theory.regression;

import tradeoffs.theory.ParameterException;
import tradeoffs.theory.norm.LpNorm;

/**
 * The adversarial squared loss of a linear model f(x) = wᵀx under an ℓp attack of radius ε, per
 * sample (docs/math.md §2.1) and in population for jointly Gaussian (x, y) (docs/math.md §2.2), both
 * [derived]; the per-sample identity is Prop. 1 of Ribeiro et al. (2023).
 */
public final class AdversarialRisk {
    /** c = √(2/π) = E|Z| for Z ~ N(0, 1). */
    public static final double C = Math.sqrt(2.0 / Math.PI);

    private AdversarialRisk() {}

    /**
     * R_ε(w) = s² + 2cε‖w‖_q s + ε²‖w‖_q² with s² = v − 2wᵀb + wᵀΣw (docs/math.md §2.2).
     *
     * @param attack the attack norm p (the penalty uses its dual q)
     */
    public static double population(GaussianModel model, double[] w, LpNorm attack, double eps) {
        checkEps(eps);
        double s = Math.sqrt(model.residualVariance(w));
        return fromMoments(s, attack.dualNorm(w), eps);
    }

    /** R = s² + 2cεns + ε²n² = (s + cεn)² + (1 − c²)ε²n², from s = s(w) and n = ‖w‖_q (docs/math.md §2.2). */
    public static double fromMoments(double s, double n, double eps) {
        double en = eps * n;
        return s * s + 2.0 * C * en * s + en * en;
    }

    /** The standard risk R_0(w) = s(w)² = v − 2wᵀb + wᵀΣw (docs/math.md §2.2). */
    public static double standard(GaussianModel model, double[] w) {
        return model.residualVariance(w);
    }

    /**
     * The worst-case loss of one sample: max_{‖δ‖_p ≤ ε} (y − wᵀ(x+δ))² = (|y − wᵀx| + ε‖w‖_q)²
     * (docs/math.md §2.1).
     */
    public static double worstCaseLoss(double[] w, double[] x, double y, LpNorm attack, double eps) {
        checkEps(eps);
        double r = Math.abs(y - dot(w, x)) + eps * attack.dualNorm(w);
        return r * r;
    }

    /**
     * A maximiser of (y − wᵀ(x+δ))² over ‖δ‖_p ≤ ε: δ* = −sign(y − wᵀx)·ε·u*, u* the worst-case
     * unit direction of {@link LpNorm#worstCaseDirection} (docs/math.md §2.1); sign(0) is taken as +1
     * (both signs attain the maximum then).
     */
    public static double[] worstCasePerturbation(double[] w, double[] x, double y, LpNorm attack, double eps) {
        checkEps(eps);
        double r = y - dot(w, x);
        double sign = r < 0 ? -1.0 : 1.0;
        double[] u = attack.worstCaseDirection(w);
        for (int i = 0; i < u.length; i++) {
            u[i] = -sign * eps * u[i];
        }
        return u;
    }

    static void checkEps(double eps) {
        if (!(eps >= 0) || Double.isInfinite(eps)) {
            throw new ParameterException("eps", "must be >= 0 and finite", eps);
        }
    }

    private static double dot(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new ParameterException("x", "must have the length of w (" + a.length + ")", b.length);
        }
        double s = 0.0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
