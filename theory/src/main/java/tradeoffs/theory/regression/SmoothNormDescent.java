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
 * differentiable away from w = 0 and s = 0 ({@link RiskDerivatives}), minimised with Commons
 * Math's Polak–Ribière conjugate gradient from the ℓ2 solution and finished by
 * {@link NewtonPolish}. The returned certificate says how close to stationary the result is.
 */
final class SmoothNormDescent {
    private SmoothNormDescent() {}

    static AdversarialSolution solve(PreparedModel pm, LpNorm attack, double eps, AdversarialSolution warm) {
        if (FixedPoint.zeroIsOptimal(pm.model(), attack, eps)) {
            return AdversarialSolution.of(pm, attack, eps, new double[pm.d], "zero (||b||_p <= c eps sqrt(v))");
        }
        double[] start = warm != null && warm.attack().equals(attack)
                ? warm.w()
                : RidgeFixedPoint.solve(pm, eps).w();
        double scale = Math.max(1e-300, pm.v);
        NonLinearConjugateGradientOptimizer cg = new NonLinearConjugateGradientOptimizer(
                NonLinearConjugateGradientOptimizer.Formula.POLAK_RIBIERE,
                new SimpleValueChecker(1e-16 * scale, 1e-300));
        double[] best = start;
        for (int round = 0; round < 3; round++) {
            PointValuePair p = cg.optimize(
                    new MaxEval(20000),
                    GoalType.MINIMIZE,
                    new InitialGuess(best),
                    new ObjectiveFunction(w -> AdversarialRisk.population(pm.model(), w, attack, eps)),
                    new ObjectiveFunctionGradient(w -> RiskDerivatives.gradient(pm, attack, eps, w)));
            best = p.getPoint();
        }
        return AdversarialSolution.of(
                pm, attack, eps, NewtonPolish.from(pm, attack, eps, best), "conjugate-gradient+newton");
    }
}
