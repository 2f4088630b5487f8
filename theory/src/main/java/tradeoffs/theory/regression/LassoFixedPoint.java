package tradeoffs.theory.regression;

import tradeoffs.theory.norm.LpNorm;

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
 * <p>The sweeps find the sign pattern long before they converge (they gain about one bit a
 * sweep on correlated features). So once the pattern has stopped changing and the support is
 * dense (the zeros are at most half the coordinates) a <i>pattern step</i> solves the optimum on
 * that pattern exactly (docs/math.md §4.8, step 5 [derived]): z₀ = Σ_AA⁻¹b_A and z₁ = Σ_AA⁻¹e by
 * {@link SupportSolve}, then the scalar fixed point on the path w(τ) = z₀ − τz₁
 * ({@link SignPattern#finish}). Its answer is kept only when it passes the pattern's KKT check and
 * the caller's certificate; otherwise the sweeps continue from where they were (a later step is
 * tried after four times as many unchanged sweeps), so a wrong pattern costs time, never the answer.
 *
 * <p>Every answer goes through the caller's {@link Certifier}; zeros are exact (soft threshold or
 * pattern).
 */
final class LassoFixedPoint {
    /** Sweeps before giving up. */
    static final int MAX_SWEEPS = 5_000;
    /** Relative step size at which a sweep counts as converged. */
    private static final double TOLERANCE = 1e-15;
    /** Sweeps without a change of the sign pattern before the first pattern step. */
    static final int STABLE_SWEEPS = 1;
    /** Pattern steps tried at most per solve. */
    static final int MAX_PATTERN_STEPS = 3;
    /** No pattern steps (plain coordinate descent). */
    static final int NEVER = Integer.MAX_VALUE;

    static final String SWEEPS = "coordinate-descent fixed point";
    static final String PATTERN_STEP = "active-set (coordinate-descent pattern)";

    private LassoFixedPoint() {}

    /**
     * What the caller accepts: the certified solution for weights w found by {@code method}, or
     * null; {@code gradient} is Σw − b when the method has it from products it kept (the pattern
     * step's path), else null.
     */
    @FunctionalInterface
    interface Certifier {
        AdversarialSolution certify(double[] w, double[] gradient, String method);
    }

    /** Plain coordinate descent from {@code start} (null: w = 0): the candidate, or null when the sweeps do not settle. */
    static double[] solve(PreparedModel pm, double eps, double[] start) {
        AdversarialSolution s =
                solve(pm, eps, start, NEVER, (w, g, method) -> AdversarialSolution.of(pm, LpNorm.LINF, eps, w, method));
        return s == null ? null : s.w();
    }

    /**
     * Coordinate descent with pattern steps from {@code start} (null: w = 0): the first answer the
     * certifier accepts (a pattern step's, or the converged sweeps'), or null.
     *
     * @param stableSweeps sweeps with an unchanged pattern before the first pattern step (0: after
     *                     the first sweep whatever it changed; {@link #NEVER}: none)
     */
    static AdversarialSolution solve(
            PreparedModel pm, double eps, double[] start, int stableSweeps, Certifier certifier) {
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
        int stable = 0;
        long patternAfter = stableSweeps;
        int patternSteps = 0;
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double change = 0.0;
            double size = 0.0;
            int signChanges = 0;
            // coordinates two at a time: the second's step sees the first's update of g through one
            // scalar, then one sweep over g applies both columns — the same operations in the same
            // order as one sweep per column (identical bits), g read and written once
            for (int i = 0; i < d; i += 2) {
                int j = i + 1;
                double wi = w[i];
                double nextI = softStep(wi, g[i], inverseDiagonal[i], tau);
                double deltaI = nextI - wi;
                double[] columnI = pm.sigma[i];
                double deltaJ = 0.0;
                double nextJ = 0.0;
                double wj = 0.0;
                if (j < d) {
                    wj = w[j];
                    double gj = deltaI != 0.0 ? g[j] + deltaI * columnI[j] : g[j];
                    nextJ = softStep(wj, gj, inverseDiagonal[j], tau);
                    deltaJ = nextJ - wj;
                }
                if (deltaI != 0.0 && deltaJ != 0.0) {
                    double[] columnJ = pm.sigma[j];
                    for (int r = 0; r < d; r++) {
                        g[r] = g[r] + deltaI * columnI[r] + deltaJ * columnJ[r];
                    }
                } else if (deltaI != 0.0) {
                    for (int r = 0; r < d; r++) {
                        g[r] += deltaI * columnI[r];
                    }
                } else if (deltaJ != 0.0) {
                    double[] columnJ = pm.sigma[j];
                    for (int r = 0; r < d; r++) {
                        g[r] += deltaJ * columnJ[r];
                    }
                }
                for (int c = i; c <= j && c < d; c++) {
                    double old = c == i ? wi : wj;
                    double next = c == i ? nextI : nextJ;
                    if (next != old) {
                        if (Math.signum(next) != Math.signum(old)) {
                            signChanges++;
                        }
                        w[c] = next;
                        change = Math.max(change, Math.abs(next - old));
                    }
                    size = Math.max(size, Math.abs(next));
                }
            }
            double nextTau = penalty(pm, w, g, eps);
            double tauChange = Math.abs(nextTau - tau);
            tau = nextTau;
            stable = signChanges == 0 ? stable + 1 : 0;
            if (!refreshed && patternSteps < MAX_PATTERN_STEPS && (stable >= patternAfter || patternAfter == 0)) {
                patternSteps++;
                patternAfter = Math.max(1, 4 * patternAfter);
                stable = 0;
                SignPattern.Solution exact = patternStep(pm, eps, w);
                AdversarialSolution s =
                        exact == null ? null : certifier.certify(exact.w(), exact.gradient(), PATTERN_STEP);
                if (s != null) {
                    return s;
                }
            }
            if (change <= 1e-9 * (1 + size) && !refreshed) {
                // close: recompute g from Σ once so that the last digits are not rounding drift
                pm.gradient(w, g);
                tau = penalty(pm, w, g, eps);
                refreshed = true;
            } else if (refreshed && change <= TOLERANCE * (1 + size) && tauChange <= TOLERANCE * tau) {
                return certifier.certify(w, null, SWEEPS);
            }
        }
        return null;
    }

    /** The exact coordinate minimiser S(w_i − g_i/Σ_ii, τ/Σ_ii), S the soft threshold (exact zeros). */
    private static double softStep(double wi, double gi, double inverseDiagonal, double tau) {
        double x = wi - gi * inverseDiagonal;
        double t = tau * inverseDiagonal;
        return x > t ? x - t : x < -t ? x + t : 0.0;
    }

    /**
     * The exact optimum on the sign pattern of w when the zeros are at most half the coordinates
     * and the pattern solution passes its KKT check ({@link SignPattern.Solution#valid}), else null.
     */
    static SignPattern.Solution patternStep(PreparedModel pm, double eps, double[] w) {
        SignPattern p = SignPattern.of(LpNorm.L1, w);
        int d = pm.d;
        if (p == null || 2 * p.k < d) {
            return null;
        }
        int[] support = new int[p.k];
        int[] inactive = new int[d - p.k];
        double[][] r = new double[2][p.k];
        for (int i = 0, t = 0; i < d; i++) {
            int a = p.owner[i];
            if (a < 0) {
                inactive[t++] = i;
            } else {
                support[a] = i;
                r[0][a] = pm.b[i];
                r[1][a] = p.e[a];
            }
        }
        double[][] z = SupportSolve.solve(pm, support, inactive, r);
        if (z == null) {
            return null;
        }
        SignPattern.Solution s = p.finish(pm, eps, z[0], z[1]);
        return s != null && s.valid() ? s : null;
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
