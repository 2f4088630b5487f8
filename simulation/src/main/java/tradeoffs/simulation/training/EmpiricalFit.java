package tradeoffs.simulation.training;

/**
 * The result of finite-sample adversarial training (docs/math.md §6.1, §6.4) with its optimality
 * certificate.
 *
 * @param w the weights
 * @param objective F(w) = (1/n) Σ (|y_i − x_iᵀw| + ε‖w‖_q)², the empirical adversarial risk
 * @param dualBound a lower bound on min F from a feasible point of the dual problem (see
 *     {@link EmpiricalAdversarialTraining}); so F(w) − min F ≤ gap
 * @param gap the duality gap F(w) − dualBound (≥ 0 up to round-off)
 * @param tolerance the relative gap that was asked for
 * @param newtonSteps Newton iterations used
 * @param passes passes over the data (the cost driver for large n)
 */
public record EmpiricalFit(
        double[] w, double objective, double dualBound, double gap, double tolerance, int newtonSteps, int passes) {
    public EmpiricalFit {
        w = w.clone();
    }

    /** The relative duality gap, gap / F(w) (0 when F(w) = 0). */
    public double relativeGap() {
        return objective > 0 ? Math.max(gap, 0) / objective : 0.0;
    }

    /** True if the certificate proves F(w) is within the tolerance of the minimum. */
    public boolean certified() {
        return relativeGap() <= tolerance;
    }

    @Override
    public double[] w() {
        return w.clone();
    }
}
