package tradeoffs.theory.regression;

import org.ejml.data.DMatrixRMaj;
import tradeoffs.theory.norm.LpNorm;

/**
 * The derivatives of the population adversarial risk (docs/math.md §2.2, §4.1, [derived]):
 * R_ε(w) = F(s, n) with F = s² + 2cεns + ε²n², s = s(w) = √(v − 2wᵀb + wᵀΣw), n = ‖w‖_q, so
 * <pre>
 *   ∂F/∂s = 2(s + cεn),   ∂F/∂n = 2ε(cs + εn),
 *   ∇R_ε(w) = (∂F/∂s / s)(Σw − b) + ∂F/∂n · ∇‖w‖_q       (s &gt; 0),
 * </pre>
 * with ∇‖w‖_q replaced by the subdifferential ∂‖w‖_q at kinks (the optimality certificate measures
 * the distance from 0 to that set with the same two coefficients). The one owner of these
 * coefficients: the conjugate-gradient solve, the Newton polish and {@link Certificates} use them.
 */
final class RiskDerivatives {
    private RiskDerivatives() {}

    /** ∂F/∂s = 2(s + cεn). */
    static double bySd(double s, double n, double eps) {
        return 2 * (s + AdversarialRisk.C * eps * n);
    }

    /** ∂F/∂n = 2ε(cs + εn). */
    static double byNorm(double s, double n, double eps) {
        return 2 * eps * (AdversarialRisk.C * s + eps * n);
    }

    /**
     * ∇R_ε(w) = (∂F/∂s / s)(Σw − b) + ∂F/∂n · u*(w), u* the worst-case direction of the attack
     * ({@link LpNorm#worstCaseDirection}, the gradient of ‖w‖_q where it exists); the first term
     * is dropped at s = 0.
     */
    static double[] gradient(PreparedModel pm, LpNorm attack, double eps, double[] w) {
        double s = Math.sqrt(pm.model().residualVariance(w));
        double n = attack.dualNorm(w);
        double[] g = new double[pm.d];
        pm.gradient(w, g);
        double alpha = s > 0 ? bySd(s, n, eps) / s : 0.0;
        double kappa = byNorm(s, n, eps);
        double[] u = attack.worstCaseDirection(w);
        for (int i = 0; i < pm.d; i++) {
            g[i] = alpha * g[i] + kappa * u[i];
        }
        return g;
    }

    /**
     * The Hessian of R_ε for 1 &lt; q &lt; ∞, s &gt; 0 and n &gt; 0 [derived]: with ∇s = (Σw − b)/s and
     * ∇n_i = sign(w_i)|w_i/n|^{q−1},
     * <pre>
     *   ∇²R = 2∇s∇sᵀ + 2cε(∇s∇nᵀ + ∇n∇sᵀ) + 2ε²∇n∇nᵀ + (∂F/∂s)(Σ − ∇s∇sᵀ)/s
     *         + (∂F/∂n)((q − 1)/n)(diag(|w_i/n|^{q−2}) − ∇n∇nᵀ),
     * </pre>
     * with |w_i/n|^{q−2} capped at 10¹² (q &lt; 2 near w_i = 0).
     *
     * @param s s(w) &gt; 0
     * @param n ‖w‖_q &gt; 0
     */
    static DMatrixRMaj hessian(PreparedModel pm, LpNorm attack, double eps, double[] w, double s, double n) {
        int d = pm.d;
        double q = attack.dual().p();
        double c = AdversarialRisk.C;
        double[] ds = new double[d];
        pm.gradient(w, ds);
        for (int i = 0; i < d; i++) {
            ds[i] /= s;
        }
        double[] dn = attack.worstCaseDirection(w);
        double fs = bySd(s, n, eps);
        double fn = byNorm(s, n, eps);
        DMatrixRMaj h = new DMatrixRMaj(d, d);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double x = 2 * ds[i] * ds[j]
                        + 2 * c * eps * (ds[i] * dn[j] + dn[i] * ds[j])
                        + 2 * eps * eps * dn[i] * dn[j]
                        + fs * (pm.sigma[i][j] - ds[i] * ds[j]) / s
                        - fn * (q - 1) / n * dn[i] * dn[j];
                if (i == j) {
                    double ratio = Math.abs(w[i]) / n;
                    x += fn * (q - 1) / n * (ratio > 0 ? Math.min(Math.pow(ratio, q - 2), 1e12) : 1e12);
                }
                h.set(i, j, x);
            }
        }
        return h;
    }
}
