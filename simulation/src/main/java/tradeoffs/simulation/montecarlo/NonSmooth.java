package tradeoffs.simulation.montecarlo;

import java.util.ArrayList;
import java.util.List;
import tradeoffs.io.schema.ColumnNames;
import tradeoffs.io.schema.NonSmoothLabels;
import tradeoffs.theory.norm.LpNorm;

/**
 * Marks the Monte Carlo estimates whose population value sits at a non-smooth point (docs/math.md
 * §7.4), where the finite-sample estimate is biased by O(n^(−1/2)) (or O(1/n) for a block norm)
 * and the z-score grows with the number of repetitions however right the theory is:
 * <ul>
 *   <li>{@link NonSmoothLabels#NONNEGATIVE_ZERO}: spurious reliance, or the ℓ2 norm of a block of
 *       several weights, whose population value is exactly 0;</li>
 *   <li>{@link NonSmoothLabels#KINK} (every quantity of the point): ε &gt; 0 and the population
 *       weights w* sit at or near a kink of the penalty ‖w‖_q, defined as: at least one repetition's
 *       weights ŵ lie on another face of ‖·‖_q than w*. The faces are the zero set for an ℓ∞ attack
 *       (q = 1), the set of tied largest |w_i| for an ℓ1 attack (q = ∞), and for every attack
 *       w = 0 against w ≠ 0. So "near" means: the population answer's support changes within the
 *       estimate's sampling range, as seen in the repetitions themselves (the finite-sample solver
 *       returns exact zeros and exact ties, docs/math.md §6.3);</li>
 *   <li>{@link NonSmoothLabels#BLOCK_NORM}: the ℓ2 norm of a block of several weights with a
 *       non-zero population value.</li>
 * </ul>
 * A row of more than one kind gets the first that applies in this order.
 */
public final class NonSmooth {
    private NonSmooth() {}

    /**
     * {@code estimates} with each one's kind set.
     *
     * @param wStar the population weights
     * @param weights the weights of the repetitions that entered the means
     */
    public static List<Estimate> mark(
            MonteCarloSpec spec, double[] wStar, List<double[]> weights, List<Estimate> estimates) {
        boolean kink = spec.eps() > 0 && weights.stream().anyMatch(w -> !sameFace(spec.attack(), wStar, w));
        int d = wStar.length;
        int dc = spec.scenario().dimCore();
        List<Estimate> out = new ArrayList<>(estimates.size());
        for (Estimate e : estimates) {
            String q = e.quantity();
            boolean block =
                    (q.equals(ColumnNames.W_CORE) && dc > 1) || (q.equals(ColumnNames.W_SPURIOUS) && d - dc > 1);
            boolean nonNegative = block || q.equals(ColumnNames.RELIANCE);
            String kind = "";
            if (nonNegative && e.theory() == 0.0) {
                kind = NonSmoothLabels.NONNEGATIVE_ZERO;
            } else if (kink) {
                kind = NonSmoothLabels.KINK;
            } else if (block) {
                kind = NonSmoothLabels.BLOCK_NORM;
            }
            out.add(e.withNonSmooth(kind));
        }
        return out;
    }

    /**
     * Whether a and b lie on the same face of the attack's penalty ‖·‖_q (docs/math.md §1.2): both
     * 0 or both not, and for an ℓ∞ attack the same zero coordinates, for an ℓ1 attack the same
     * coordinates attaining max |w_i|. Exact comparisons: zeros and ties are exact in both solvers.
     */
    static boolean sameFace(LpNorm attack, double[] a, double[] b) {
        boolean zeroA = isZero(a);
        boolean zeroB = isZero(b);
        if (zeroA || zeroB) {
            return zeroA == zeroB;
        }
        if (attack.isInfinity()) {
            for (int i = 0; i < a.length; i++) {
                if ((a[i] == 0.0) != (b[i] == 0.0)) {
                    return false;
                }
            }
        } else if (attack.isOne()) {
            double ma = maxAbs(a);
            double mb = maxAbs(b);
            for (int i = 0; i < a.length; i++) {
                if ((Math.abs(a[i]) == ma) != (Math.abs(b[i]) == mb)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isZero(double[] w) {
        for (double x : w) {
            if (x != 0.0) {
                return false;
            }
        }
        return true;
    }

    private static double maxAbs(double[] w) {
        double m = 0;
        for (double x : w) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }
}
