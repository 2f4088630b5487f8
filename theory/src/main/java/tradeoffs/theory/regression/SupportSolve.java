package tradeoffs.theory.regression;

import static tradeoffs.theory.optim.Vectors.dot;

/**
 * Solves Σ_AA z = r on a support A that covers most coordinates, through Σ⁻¹ and a small system on
 * the complement I (docs/math.md §4.8, step 5 [derived]). With H = Σ⁻¹, y = (r on A, λ on I) and
 * x = Hy we have Σx = y, so x_A solves Σ_AA x_A = r exactly when x_I = 0, i.e. when
 * H_II λ = −(H_IA r): an |I| × |I| symmetric positive definite system (a principal block of H),
 * solved by conjugate gradients whose products H_II p = (H(0 on A, p on I))_I are two triangular
 * solves with the model's Cholesky factor Σ = LLᵀ (O(d²), no factorisation of Σ_AA). Both
 * right-hand sides of a pattern (Pᵀb and the signs e) run together, one pass over L per step.
 *
 * <p>CG converges in at most |I| steps in exact arithmetic and in a few when H_II is well
 * conditioned (cond(H_II) ≤ cond(Σ) by interlacing; 5 steps at d = 1000, |I| = 159 on the AR(1)
 * benchmark). The answer is only as good as the residual reached, so callers check the KKT
 * conditions of what they build from it.
 */
final class SupportSolve {
    /** CG steps before giving up. */
    static final int MAX_STEPS = 50;
    /** CG stops when ‖H_II λ + H_IA r‖ ≤ TOLERANCE·‖H_IA r‖. */
    static final double TOLERANCE = 1e-15;

    private SupportSolve() {}

    /**
     * z_m = Σ_AA⁻¹ r_m for each right-hand side r_m (indexed like {@code support}), or null when
     * CG does not reach the tolerance within {@link #MAX_STEPS} steps.
     *
     * @param support  A, increasing coordinates
     * @param inactive I, the other coordinates
     */
    static double[][] solve(PreparedModel pm, int[] support, int[] inactive, double[][] r) {
        int d = pm.d;
        int m = r.length;
        int ni = inactive.length;
        double[][] y = new double[m][d];
        for (int c = 0; c < m; c++) {
            for (int a = 0; a < support.length; a++) {
                y[c][support[a]] = r[c][a];
            }
        }
        double[][] x = pm.model().solve(y);
        // CG on H_II λ = −x_I for every right-hand side at once; x accumulates H(0, λ)
        double[][] res = new double[m][ni];
        double[][] p = new double[m][ni];
        double[] rr = new double[m];
        double[] goal = new double[m];
        for (int c = 0; c < m; c++) {
            for (int t = 0; t < ni; t++) {
                res[c][t] = -x[c][inactive[t]];
            }
            p[c] = res[c].clone();
            rr[c] = dot(res[c], res[c]);
            goal[c] = TOLERANCE * TOLERANCE * rr[c];
        }
        for (int step = 0; step < MAX_STEPS; step++) {
            int open = 0;
            for (int c = 0; c < m; c++) {
                if (rr[c] > goal[c]) {
                    open++;
                }
            }
            if (open == 0) {
                return restrict(x, support);
            }
            int[] which = new int[open];
            double[][] padded = new double[open][d];
            for (int c = 0, o = 0; c < m; c++) {
                if (rr[c] > goal[c]) {
                    which[o] = c;
                    for (int t = 0; t < ni; t++) {
                        padded[o][inactive[t]] = p[c][t];
                    }
                    o++;
                }
            }
            double[][] hp = pm.model().solve(padded);
            for (int o = 0; o < open; o++) {
                int c = which[o];
                double[] full = hp[o];
                double curvature = 0.0;
                for (int t = 0; t < ni; t++) {
                    curvature += p[c][t] * full[inactive[t]];
                }
                if (!(curvature > 0)) {
                    return null;
                }
                double alpha = rr[c] / curvature;
                double[] xc = x[c];
                for (int i = 0; i < d; i++) {
                    xc[i] += alpha * full[i];
                }
                double[] rc = res[c];
                for (int t = 0; t < ni; t++) {
                    rc[t] -= alpha * full[inactive[t]];
                }
                double next = dot(rc, rc);
                double beta = next / rr[c];
                double[] pc = p[c];
                for (int t = 0; t < ni; t++) {
                    pc[t] = rc[t] + beta * pc[t];
                }
                rr[c] = next;
            }
        }
        return null;
    }

    private static double[][] restrict(double[][] x, int[] support) {
        double[][] z = new double[x.length][support.length];
        for (int c = 0; c < x.length; c++) {
            for (int a = 0; a < support.length; a++) {
                z[c][a] = x[c][support[a]];
            }
        }
        return z;
    }
}
