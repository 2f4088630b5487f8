package tradeoffs.simulation.training;

import java.util.function.DoubleFunction;

/**
 * The predictor step of the smoothing homotopy (docs/math.md §6.3; Allgower and Georg,
 * <i>Introduction to Numerical Continuation Methods</i>, 2003, §2.2, the Euler predictor). The
 * smoothed optimum w(s) of a stage, s the common scale of the widths μ = s·r₀ and ν = s·w₀,
 * satisfies ∇F_s(w(s)) = 0, so
 *
 * <pre>  dw/ds = −H⁻¹ ∂_s∇F_s(w),   w(s') ≈ w(s) + (s' − s)·dw/ds,</pre>
 *
 * with H = ∇²F_s(w) and s·∂_s∇F_s by the central difference (∇F_{s(1+h)} − ∇F_{s(1−h)})/(2h).
 * Near the end of the homotopy the coordinates that are zero at the optimum sit at w_j ≈ a_j ν
 * and the residuals that are zero at r_i ≈ b_i μ, linear in s, which the predictor carries to the
 * next stage; Newton from the previous stage's answer instead starts where √(w_j² + ν'²) and the
 * Huber band of the new width have almost no curvature, overshoots and backtracks (n = 10³,
 * d = 100, ℓ∞ attack, ε = 0.05 of the zero threshold: 26 damped steps of length 2⁻³–2⁻⁷ at
 * ν = 10⁻⁴ of the weight scale, 12 steps after the predictor). [derived]
 *
 * <p>The rows of the sign classes G are not looked at between Newton steps, so the predictor is
 * taken only when it moves the residuals little against the classes' threshold τ (the rows of G
 * had |r| > τ when they left U): {@link #CLASS_MARGIN}·‖Δw‖_S ≤ τ, ‖Δw‖_S = √(ΔwᵀSΔw) the root
 * mean square of the residual changes; a longer jump let rows of G change sign unseen at n = 10⁵
 * (ℓ∞ attack, ε = 0.5 of the threshold: 185 → 892 Newton steps before this bound, 179 with it).
 * The prediction is also dropped when it does not lower F at the new widths.
 */
final class HomotopyPredictor {
    /** Relative step h of the central difference in s. */
    private static final double H = 1e-4;
    /**
     * The predictor may move the residuals' root mean square by at most τ/CLASS_MARGIN, the
     * factor by which Newton's shrinking of U keeps its rows away from a sign change.
     */
    private static final double CLASS_MARGIN = 6;

    private HomotopyPredictor() {}

    /**
     * The predicted start of the stage with widths ratio·(μ, ν), from the answer w of the stage
     * with widths (μ, ν) and smoothed norm {@code term}(ν); w itself when the prediction moves
     * too far for the sign classes, does not lower F at the new widths, or H cannot be factored.
     */
    static double[] predict(FitRun run, double[] w, double mu, double nu, double ratio, DoubleFunction<NormTerm> term) {
        int d = run.stats.d;
        double[] gPlus = new double[d];
        double[] gMinus = new double[d];
        SmoothedObjective.evaluate(run, w, mu * (1 + H), term.apply(nu * (1 + H)), gPlus, null);
        SmoothedObjective.evaluate(run, w, mu * (1 - H), term.apply(nu * (1 - H)), gMinus, null);
        NewtonSystem system = new NewtonSystem(d);
        SmoothedObjective.evaluate(run, w, mu, term.apply(nu), new double[d], system.hessian);
        // (s' − s)·∂_s∇F: the change of the gradient along the path over the stage
        double[] change = new double[d];
        for (int j = 0; j < d; j++) {
            change[j] = (gPlus[j] - gMinus[j]) / (2 * H) * (ratio - 1);
        }
        double[] step = new double[d];
        if (!system.direction(change, step)) {
            return w;
        }
        if (!run.classes.exact()) {
            double[] sStep = run.stats.gramTimes(step);
            double moved = 0;
            for (int j = 0; j < d; j++) {
                moved += step[j] * sStep[j];
            }
            if (!(CLASS_MARGIN * Math.sqrt(Math.max(moved, 0)) <= run.classes.threshold)) {
                return w;
            }
        }
        double[] predicted = w.clone();
        for (int j = 0; j < d; j++) {
            predicted[j] += step[j];
        }
        NormTerm next = term.apply(nu * ratio);
        double before = SmoothedObjective.evaluate(run, w, mu * ratio, next, null, null);
        double after = SmoothedObjective.evaluate(run, predicted, mu * ratio, next, null, null);
        return after < before ? predicted : w;
    }
}
