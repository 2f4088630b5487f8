package tradeoffs.theory.regression;

import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleValueChecker;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunctionGradient;
import org.apache.commons.math3.optim.nonlinear.scalar.gradient.NonLinearConjugateGradientOptimizer;
import tradeoffs.theory.norm.LpNorm;

/**
 * Adversarial training for a general attack norm p ∉ {1, 2, ∞} (1 &lt; q &lt; ∞): R_ε is
 * differentiable away from w = 0 and s = 0 with
 * ∇R_ε = (2(s + cεn)/s)(Σw − b) + 2ε(cs + εn)∇‖w‖_q (THEORY.md §1.3, §1.5), minimised with Commons
 * Math's Polak–Ribière conjugate gradient from the ℓ2 solution. The returned certificate says how
 * close to stationary the result is.
 */
final class SmoothNormDescent {
    private SmoothNormDescent() {
    }

    static AdversarialSolution solve(PreparedModel pm, LpNorm attack, double eps, AdversarialSolution warm) {
        if (FixedPoint.zeroIsOptimal(pm.model(), attack, eps)) {
            return AdversarialSolution.of(pm, attack, eps, new double[pm.d], "zero (||b||_p <= c eps sqrt(v))");
        }
        double[] start = warm != null && warm.attack().equals(attack) ? warm.w() : RidgeFixedPoint.solve(pm, eps).w();
        double scale = Math.max(1e-300, pm.v);
        NonLinearConjugateGradientOptimizer cg = new NonLinearConjugateGradientOptimizer(
                NonLinearConjugateGradientOptimizer.Formula.POLAK_RIBIERE, new SimpleValueChecker(1e-16 * scale, 1e-300));
        double[] best = start;
        for (int round = 0; round < 3; round++) {
            PointValuePair p = cg.optimize(new MaxEval(20000), GoalType.MINIMIZE, new InitialGuess(best),
                    new ObjectiveFunction(w -> AdversarialRisk.population(pm.model(), w, attack, eps)),
                    new ObjectiveFunctionGradient(w -> gradient(pm, attack, eps, w)));
            best = p.getPoint();
        }
        return AdversarialSolution.of(pm, attack, eps, newtonPolish(pm, attack, eps, best), "conjugate-gradient+newton");
    }

    /**
     * Damped Newton steps with Armijo backtracking from a nearby point. The Hessian is analytic
     * for s &gt; 0 and all w_i ≠ 0 [derived]: with R = F(s, n), F = s² + 2cεns + ε²n²,
     * ∇²R = 2∇s∇sᵀ + 2cε(∇s∇nᵀ + ∇n∇sᵀ) + 2ε²∇n∇nᵀ + F_s(Σ − ∇s∇sᵀ)/s
     * + F_n((q − 1)/n)(diag(|w_i/n|^{q−2}) − ∇n∇nᵀ), ∇s = (Σw − b)/s, ∇n_i = sign(w_i)|w_i/n|^{q−1}.
     */
    static double[] newtonPolish(PreparedModel pm, LpNorm attack, double eps, double[] start) {
        int d = pm.d;
        double q = attack.dual().p();
        double c = AdversarialRisk.C;
        double[] w = start.clone();
        double r = AdversarialRisk.population(pm.model(), w, attack, eps);
        for (int it = 0; it < 60; it++) {
            double s = Math.sqrt(pm.residualVariance(w));
            double n = attack.dualNorm(w);
            if (!(s > 0) || !(n > 0)) {
                return w;
            }
            double[] grad = gradient(pm, attack, eps, w);
            double gradNorm = LpNorm.L2.norm(grad);
            if (gradNorm <= 1e-15 * (1 + LpNorm.LINF.norm(pm.b))) {
                return w;
            }
            double[] ds = new double[d];
            pm.gradient(w, ds);
            for (int i = 0; i < d; i++) {
                ds[i] /= s;
            }
            double[] dn = attack.worstCaseDirection(w);
            double fs = 2 * s + 2 * c * eps * n;
            double fn = 2 * c * eps * s + 2 * eps * eps * n;
            org.ejml.data.DMatrixRMaj h = new org.ejml.data.DMatrixRMaj(d, d);
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    double x = 2 * ds[i] * ds[j] + 2 * c * eps * (ds[i] * dn[j] + dn[i] * ds[j]) + 2 * eps * eps * dn[i] * dn[j]
                            + fs * (pm.sigma[i][j] - ds[i] * ds[j]) / s - fn * (q - 1) / n * dn[i] * dn[j];
                    if (i == j) {
                        double ratio = Math.abs(w[i]) / n;
                        x += fn * (q - 1) / n * (ratio > 0 ? Math.min(Math.pow(ratio, q - 2), 1e12) : 1e12);
                    }
                    h.set(i, j, x);
                }
            }
            org.ejml.data.DMatrixRMaj step = new org.ejml.data.DMatrixRMaj(d, 1);
            org.ejml.data.DMatrixRMaj rhs = new org.ejml.data.DMatrixRMaj(d, 1, true, grad);
            if (!org.ejml.dense.row.CommonOps_DDRM.solve(h, rhs, step)) {
                return w;
            }
            double slope = 0.0;
            for (int i = 0; i < d; i++) {
                slope -= grad[i] * step.get(i);
            }
            if (!(slope < 0)) {
                return w;
            }
            double t = 1.0;
            double[] next = new double[d];
            double rn = Double.POSITIVE_INFINITY;
            boolean accepted = false;
            for (int ls = 0; ls < 60; ls++) {
                for (int i = 0; i < d; i++) {
                    next[i] = w[i] - t * step.get(i);
                }
                rn = AdversarialRisk.population(pm.model(), next, attack, eps);
                if (rn <= r + 1e-4 * t * slope) {
                    accepted = true;
                    break;
                }
                // near the optimum R can no longer tell points apart in floating point: take a full
                // Newton step when it shrinks the gradient
                if (ls == 0 && rn <= r * (1 + 1e-15) && LpNorm.L2.norm(gradient(pm, attack, eps, next)) < 0.5 * gradNorm) {
                    accepted = true;
                    break;
                }
                t /= 2;
            }
            if (!accepted) {
                return w;
            }
            w = next.clone();
            r = Math.min(r, rn);
        }
        return w;
    }

    static double[] gradient(PreparedModel pm, LpNorm attack, double eps, double[] w) {
        double s = Math.sqrt(pm.model().residualVariance(w));
        double n = attack.dualNorm(w);
        double[] g = new double[pm.d];
        pm.gradient(w, g);
        double c = AdversarialRisk.C;
        double alpha = s > 0 ? 2 * (s + c * eps * n) / s : 0.0;
        double kappa = 2 * eps * (c * s + eps * n);
        double[] u = attack.worstCaseDirection(w);
        for (int i = 0; i < pm.d; i++) {
            g[i] = alpha * g[i] + kappa * u[i];
        }
        return g;
    }
}
