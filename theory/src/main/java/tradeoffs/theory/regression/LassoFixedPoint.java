package tradeoffs.theory.regression;

/**
 * The ℓ∞ attack (penalty q = 1) in high dimension by coordinate descent on the fixed-point form
 * of docs/math.md §4.8 [derived]: the optimum minimises ½wᵀΣw − bᵀw + τ‖w‖₁ at the τ that solves
 * τ = φ(w) = εs(cs + εn)/(s + cεn). Each sweep is one round of exact coordinate steps with soft
 * thresholding (Friedman, Hastie and Tibshirani, J. Stat. Softw. 33, 2010, "covariance updates"),
 * w_i ← S(w_i − g_i/Σ_ii, τ/Σ_ii), g = Σw − b, kept up to date by one axpy with the column Σ_·i per
 * changed coordinate, so a sweep costs O(d·|changed|) instead of the O(d²) of recomputing g.
 * τ is refreshed from s² = v − bᵀw + wᵀg and n = ‖w‖₁ after every sweep, so the penalty search
 * and the inner lasso run as one iteration (no nested root search, no factorisation). The
 * gradient is recomputed from Σ before the last sweeps so that rounding in the updates does not
 * accumulate into the answer.
 *
 * <p>The result is only a candidate: the caller certifies it ({@link Certificates}) and falls back
 * to the exact active-set routes when the certificate is not tight. Zeros are exact (soft threshold).
 */
final class LassoFixedPoint {
    /** Sweeps before giving up. */
    static final int MAX_SWEEPS = 5_000;
    /** Relative step size at which a sweep counts as converged. */
    private static final double TOLERANCE = 1e-15;

    private LassoFixedPoint() {}

    /** The candidate optimum from {@code start} (null: w = 0), or null when the sweeps do not settle. */
    static double[] solve(PreparedModel pm, double eps, double[] start) {
        int d = pm.d;
        double[] w = start == null ? new double[d] : start.clone();
        double[] g = new double[d];
        double[] inverseDiagonal = new double[d];
        for (int i = 0; i < d; i++) {
            inverseDiagonal[i] = 1.0 / pm.sigma[i][i];
        }
        pm.gradient(w, g);
        double tau = penalty(pm, w, g, eps);
        boolean refreshed = false;
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double change = 0.0;
            double size = 0.0;
            for (int i = 0; i < d; i++) {
                double wi = w[i];
                double x = wi - g[i] * inverseDiagonal[i];
                double t = tau * inverseDiagonal[i];
                double next = x > t ? x - t : x < -t ? x + t : 0.0;
                double delta = next - wi;
                if (delta != 0.0) {
                    w[i] = next;
                    double[] column = pm.sigma[i];
                    for (int j = 0; j < d; j++) {
                        g[j] += delta * column[j];
                    }
                    change = Math.max(change, Math.abs(delta));
                }
                size = Math.max(size, Math.abs(next));
            }
            double nextTau = penalty(pm, w, g, eps);
            double tauChange = Math.abs(nextTau - tau);
            tau = nextTau;
            if (change <= 1e-9 * (1 + size) && !refreshed) {
                // close: recompute g from Σ once so that the last digits are not rounding drift
                pm.gradient(w, g);
                tau = penalty(pm, w, g, eps);
                refreshed = true;
            } else if (refreshed && change <= TOLERANCE * (1 + size) && tauChange <= TOLERANCE * tau) {
                return w;
            }
        }
        return null;
    }

    /** τ = φ(w) with s² = v − bᵀw + wᵀ(Σw − b) and n = ‖w‖₁ (O(d) from the maintained gradient). */
    private static double penalty(PreparedModel pm, double[] w, double[] g, double eps) {
        double s2 = pm.v;
        double n = 0.0;
        for (int i = 0; i < w.length; i++) {
            double wi = w[i];
            if (wi != 0.0) {
                s2 += wi * (g[i] - pm.b[i]);
                n += Math.abs(wi);
            }
        }
        return FixedPoint.tau(Math.sqrt(Math.max(s2, 0.0)), n, eps);
    }
}
