package tradeoffs.simulation.attack;

import java.util.Arrays;

/**
 * Euclidean projection onto the ℓp ball {δ : ‖δ‖_p ≤ r} for p = 1, 2, ∞, in place.
 * <ul>
 *   <li>p = ∞: clip every coordinate to [−r, r];</li>
 *   <li>p = 2: scale by min(1, r/‖δ‖₂);</li>
 *   <li>p = 1: the exact sort-based projection of Duchi, Shalev-Shwartz, Singer and Chandra
 *       (ICML 2008, Fig. 1): soft-threshold at θ = (Σ_{i≤ρ} μ_i − r)/ρ, μ the sorted absolute values
 *       and ρ = max{j : μ_j − (Σ_{i≤j} μ_i − r)/j > 0}. THEORY.md §2 asks for this exact
 *       projection rather than the overshooting one of the original SLIDE code.</li>
 * </ul>
 */
public final class LpBallProjection {
    private LpBallProjection() {
    }

    /** Projects {@code v} onto the ball of radius {@code r} of the norm with exponent p ∈ {1, 2, ∞}. */
    public static void project(double p, double[] v, double r) {
        if (!(r >= 0)) {
            throw new IllegalArgumentException("radius must be >= 0 (got " + r + ")");
        }
        if (p == 1) {
            projectL1(v, r);
        } else if (p == 2) {
            double s = 0;
            for (double x : v) {
                s += x * x;
            }
            double norm = Math.sqrt(s);
            if (norm > r) {
                double f = r / norm;
                for (int i = 0; i < v.length; i++) {
                    v[i] *= f;
                }
            }
        } else if (p == Double.POSITIVE_INFINITY) {
            for (int i = 0; i < v.length; i++) {
                v[i] = Math.max(-r, Math.min(r, v[i]));
            }
        } else {
            throw new IllegalArgumentException("p must be 1, 2 or infinity (got " + p + ")");
        }
    }

    /** Duchi et al. (2008) projection onto {‖v‖₁ ≤ r}, in place. */
    public static void projectL1(double[] v, double r) {
        double l1 = 0;
        for (double x : v) {
            l1 += Math.abs(x);
        }
        if (l1 <= r) {
            return;
        }
        if (r == 0) {
            Arrays.fill(v, 0);
            return;
        }
        double[] mu = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            mu[i] = Math.abs(v[i]);
        }
        Arrays.sort(mu);
        double cum = 0;
        double theta = 0;
        for (int j = 1; j <= mu.length; j++) {
            double m = mu[mu.length - j];
            cum += m;
            double t = (cum - r) / j;
            if (m - t > 0) {
                theta = t;
            } else {
                break;
            }
        }
        for (int i = 0; i < v.length; i++) {
            double a = Math.abs(v[i]) - theta;
            v[i] = a > 0 ? Math.copySign(a, v[i]) : 0.0;
        }
    }
}
