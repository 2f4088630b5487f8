package tradeoffs.deep.bridge;

import tradeoffs.theory.norm.LpNorm;
import tradeoffs.theory.regression.AdversarialRisk;
import tradeoffs.theory.sample.Sample;

/**
 * The empirical adversarial risk of a linear model on a sample (docs/math.md §6.1, Ribeiro et al.
 * 2023), evaluated exactly in double precision through the worst-case identity of docs/math.md §2.1:
 *
 * <pre>  F(w) = (1/n) Σ_i max_{‖δ‖_p ≤ ε} (y_i − wᵀ(x_i + δ))² = (1/n) Σ_i (|y_i − x_iᵀw| + ε‖w‖_q)².</pre>
 *
 * <p>This is the objective PGD adversarial training minimises when its inner loop is exact, and
 * the one the simulation module's convex solver minimises with a certificate, so the two can be
 * compared on the same sample.
 */
public final class EmpiricalObjective {
    private EmpiricalObjective() {}

    /** F(w) for the attack norm p and radius ε (each term is {@link AdversarialRisk#worstCaseLoss}). */
    public static double of(Sample sample, LpNorm attack, double eps, double[] w) {
        if (w.length != sample.d()) {
            throw new IllegalArgumentException("w must have length d = " + sample.d() + " (got " + w.length + ")");
        }
        double sum = 0;
        for (int i = 0; i < sample.n(); i++) {
            sum += AdversarialRisk.worstCaseLoss(w, sample.row(i), sample.y()[i], attack, eps);
        }
        return sum / sample.n();
    }
}
