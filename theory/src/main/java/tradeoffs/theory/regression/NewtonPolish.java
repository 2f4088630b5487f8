package tradeoffs.theory.regression;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import tradeoffs.theory.norm.LpNorm;
import tradeoffs.theory.optim.DampedNewton;

/**
 * Damped Newton steps on R_ε from a nearby point ({@link DampedNewton} with the analytic gradient
 * and Hessian of {@link RiskDerivatives}): recovers the digits an ill-conditioned Σ costs the
 * ridge fixed point, and finishes the conjugate-gradient solve for general p. At most 60 steps;
 * stops when ‖∇R_ε‖₂ ≤ 10⁻¹⁵(1 + ‖b‖_∞), where s(w) = 0 or ‖w‖_q = 0 (R_ε is not smooth there),
 * or when no step length decreases R_ε; near the optimum a full step that halves the gradient is
 * accepted even if R_ε cannot tell it apart in floating point (relative 10⁻¹⁵).
 */
final class NewtonPolish {
    private static final int MAX_STEPS = 60;

    private NewtonPolish() {}

    /** The polished weights (a new array). */
    static double[] from(PreparedModel pm, LpNorm attack, double eps, double[] start) {
        DampedNewton.Settings settings = DampedNewton.Settings.of(MAX_STEPS)
                .withGradientTolerance(1e-15 * (1 + LpNorm.LINF.norm(pm.b)))
                .withRoundOff(1e-15);
        return DampedNewton.minimise(new Risk(pm, attack, eps), start, settings).x();
    }

    private record Risk(PreparedModel pm, LpNorm attack, double eps) implements DampedNewton.Function {
        @Override
        public double value(double[] w) {
            return AdversarialRisk.population(pm.model(), w, attack, eps);
        }

        @Override
        public DampedNewton.Point at(double[] w) {
            double[] x = w.clone();
            double value = value(x);
            double[] gradient = RiskDerivatives.gradient(pm, attack, eps, x);
            return new DampedNewton.Point(value, gradient, direction -> {
                double s = Math.sqrt(pm.residualVariance(x));
                double n = attack.dualNorm(x);
                if (!(s > 0) || !(n > 0)) {
                    return false;
                }
                DMatrixRMaj h = RiskDerivatives.hessian(pm, attack, eps, x, s, n);
                DMatrixRMaj step = new DMatrixRMaj(pm.d, 1);
                if (!CommonOps_DDRM.solve(h, new DMatrixRMaj(pm.d, 1, true, gradient), step)) {
                    return false;
                }
                for (int i = 0; i < pm.d; i++) {
                    direction[i] = -step.get(i);
                }
                return true;
            });
        }
    }
}
