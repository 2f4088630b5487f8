package tradeoffs.theory.regression;

import java.util.Arrays;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import tradeoffs.theory.norm.LpNorm;

/**
 * A sign/tie pattern of the polyhedral penalties (docs/math.md §4.1, §4.8, [derived]) and the exact
 * minimiser of R_ε on it: w_i = coef_i · z_{owner_i} (owner −1: w_i = 0) and ‖Pz‖_q = eᵀz.
 * q = 1: one column per non-zero coordinate, e = its sign. q = ∞: column 0 is the group of
 * coordinates tied at ‖w‖_∞ (coef = their signs, e = 1; {@link #of} puts it first, the active-set
 * method last), every other coordinate is free (e = 0).
 *
 * <p>On a pattern the minimiser of ½wᵀΣw − bᵀw + τ‖w‖_q is w = P z with z(τ) = z₀ − τz₁,
 * M = PᵀΣP, z₀ = M⁻¹Pᵀb, z₁ = M⁻¹e, so s(τ)² = s₀² + κτ² and n(τ) = n₀ − κτ
 * (s₀² = v − bᵀPz₀, κ = eᵀz₁, n₀ = eᵀz₀), and the fixed point τ = φ(w(τ)) of
 * {@link FixedPoint#tau} is a scalar equation with closed-form coefficients. The pattern is the
 * optimum's exactly when that solution satisfies the KKT conditions ({@link Solution#valid}).
 */
final class SignPattern {
    private static final int MAX_EVALUATIONS = 300;
    private static final double KKT_SLACK = 1e-9;

    final int k;
    final int[] owner;
    final double[] coef;
    final double[] e;
    /** The column of the tie group (q = ∞), −1 for q = 1. */
    final int group;

    /**
     * @param owner the column of each coordinate (−1: w_i = 0)
     * @param coef  w_i = coef_i · z_{owner_i}
     * @param e     ‖Pz‖_q = eᵀz
     * @param group the column of the tie group for q = ∞, −1 for q = 1
     */
    SignPattern(int k, int[] owner, double[] coef, double[] e, int group) {
        this.k = k;
        this.owner = owner;
        this.coef = coef;
        this.e = e;
        this.group = group;
    }

    static SignPattern of(LpNorm q, double[] w) {
        return of(q, w, Certificates.TIE_TOLERANCE);
    }

    /** The pattern of w; for q = ∞ coordinates within tieTolerance (relative) of ‖w‖_∞ count as tied; null for w = 0. */
    static SignPattern of(LpNorm q, double[] w, double tieTolerance) {
        int d = w.length;
        int[] owner = new int[d];
        double[] coef = new double[d];
        if (q.isOne()) {
            double[] e = new double[d];
            int k = 0;
            for (int i = 0; i < d; i++) {
                if (w[i] != 0.0) {
                    owner[i] = k;
                    coef[i] = 1.0;
                    e[k++] = Math.signum(w[i]);
                } else {
                    owner[i] = -1;
                }
            }
            return k == 0 ? null : new SignPattern(k, owner, coef, Arrays.copyOf(e, k), -1);
        }
        double m = LpNorm.LINF.norm(w);
        if (m == 0.0) {
            return null;
        }
        int k = 1;
        for (int i = 0; i < d; i++) {
            if (Math.abs(w[i]) >= m * (1 - tieTolerance)) {
                owner[i] = 0;
                coef[i] = Math.signum(w[i]);
            } else {
                owner[i] = k++;
                coef[i] = 1.0;
            }
        }
        double[] e = new double[k];
        e[0] = 1.0;
        return new SignPattern(k, owner, coef, e, 0);
    }

    /**
     * The exact solution on this pattern, or null when the pattern admits none: M not positive
     * definite, κ ≤ 0 or n₀ ≤ 0, or no root of the fixed point on the pattern's path (τ ∈ [0, n₀/κ)).
     */
    Solution solve(PreparedModel pm, double eps) {
        int d = pm.d;
        double[] m = new double[k * k];
        double[] r = new double[k];
        for (int i = 0; i < d; i++) {
            int a = owner[i];
            if (a < 0) {
                continue;
            }
            r[a] += coef[i] * pm.b[i];
            double[] row = pm.sigma[i];
            for (int j = 0; j < d; j++) {
                int bcol = owner[j];
                if (bcol >= 0) {
                    m[a * k + bcol] += coef[i] * coef[j] * row[j];
                }
            }
        }
        double[] z0 = new double[k];
        double[] z1 = new double[k];
        if (!solveSpd(m, k, r, e, z0, z1)) {
            return null;
        }
        return finish(pm, eps, z0, z1);
    }

    /**
     * The rest of {@link #solve} once z₀ = M⁻¹Pᵀb and z₁ = M⁻¹e are known (from any
     * factorisation of M): the scalar fixed point in τ, w and the KKT check; null when the
     * pattern's path has no root.
     */
    Solution finish(PreparedModel pm, double eps, double[] z0, double[] z1) {
        int d = pm.d;
        double kappa = 0.0;
        double n0 = 0.0;
        for (int a = 0; a < k; a++) {
            kappa += e[a] * z1[a];
            n0 += e[a] * z0[a];
        }
        // s₀² = v − bᵀPz₀ (w₀ᵀΣw₀ = z₀ᵀMz₀ = z₀ᵀPᵀb); above the eigen regime that closed form is
        // used when it keeps at least a tenth of v (cancellation costs at most one digit), else, and
        // in the eigen regime, s(w_LS)² + (w₀ − w_LS)ᵀΣ(w₀ − w_LS) keeps the relative accuracy of a
        // tiny s₀² (nearly noiseless models); exactly 0 only when the pattern fits y
        double[] w0 = new double[d];
        double bw0 = 0.0;
        for (int i = 0; i < d; i++) {
            w0[i] = owner[i] < 0 ? 0.0 : coef[i] * z0[owner[i]];
            bw0 += pm.b[i] * w0[i];
        }
        boolean closedForm = !pm.eigenRegime && pm.v - bw0 >= 0.1 * pm.v;
        Path path = pm.eigenRegime || closedForm ? null : new Path(pm, w0, z1);
        double s02 = closedForm ? pm.v - bw0 : path == null ? pm.residualVariance(w0) : path.s02;
        s02 = s02 <= 1e-24 * pm.v ? 0.0 : s02;
        if (!(kappa > 0) || !(n0 > 0)) {
            return null;
        }
        double hi = n0 / kappa;
        final double sq = s02;
        final double kp = kappa;
        final double nn = n0;
        java.util.function.DoubleUnaryOperator f =
                t -> FixedPoint.tau(Math.sqrt(sq + kp * t * t), nn - kp * t, eps) - t;
        if (f.applyAsDouble(hi) >= 0) {
            return null;
        }
        double lo = 0.0;
        double tau;
        if (s02 == 0.0) {
            // the pattern fits y exactly at τ = 0 (noiseless model), where every pattern containing the
            // least-squares support looks valid; only the pattern of the path just above τ = 0 decides
            // whether least squares is optimal, so check validity there first
            lo = 1e-10 * hi;
            if (!valid(pm, weights(z0, z1, lo, d), lo, path == null ? null : path.gradient(pm, lo))) {
                return new Solution(weights(z0, z1, lo, d), lo, false, null);
            }
            if (f.applyAsDouble(lo) <= 0) {
                tau = 0.0;
            } else {
                tau = new BrentSolver(1e-15, 1e-300, 1e-300).solve(MAX_EVALUATIONS, f::applyAsDouble, lo, hi);
            }
        } else {
            tau = new BrentSolver(1e-15, 1e-300, 1e-300).solve(MAX_EVALUATIONS, f::applyAsDouble, lo, hi);
        }
        double[] w = weights(z0, z1, tau, d);
        double[] g = path != null ? path.gradient(pm, tau) : null;
        if (closedForm) {
            g = new double[d];
            pm.gradient(w, g);
        }
        return new Solution(w, tau, valid(pm, w, tau, g), g);
    }

    /**
     * The pattern's path w(τ) = w₀ − τw₁ (w₀ = Pz₀, w₁ = Pz₁) through Σ, from one pass over Σ
     * (high-dimensional regime): u₀ = Σ(w₀ − w_LS), which gives s₀² = s(w_LS)² + (w₀ − w_LS)ᵀu₀ bit
     * for bit as {@link PreparedModel#residualVariance}, and u₁ = Σw₁, so that the KKT check's
     * gradient at any τ is Σw(τ) − b = u₀ + (Σw_LS − b) − τu₁ without a second pass
     * (docs/math.md §4.8 step 5, [derived]: linearity of w(τ); Σw_LS − b is least squares'
     * rounding residual, kept by the prepared model).
     */
    private final class Path {
        final double s02;
        final double[] u0 = new double[owner.length];
        final double[] u1 = new double[owner.length];

        Path(PreparedModel pm, double[] w0, double[] z1) {
            int d = owner.length;
            double[] diff = new double[d];
            double[] w1 = new double[d];
            for (int i = 0; i < d; i++) {
                diff[i] = w0[i] - pm.leastSquares[i];
                w1[i] = owner[i] < 0 ? 0.0 : coef[i] * z1[owner[i]];
            }
            pm.accumulateProducts(diff, u0, w1, u1);
            double q = 0.0;
            for (int i = 0; i < d; i++) {
                q += diff[i] * u0[i];
            }
            s02 = pm.leastSquaresResidualSd * pm.leastSquaresResidualSd + Math.max(0.0, q);
        }

        /** Σw(τ) − b. */
        double[] gradient(PreparedModel pm, double tau) {
            double[] g = new double[u0.length];
            for (int i = 0; i < g.length; i++) {
                g[i] = u0[i] + pm.leastSquaresGradient[i] - tau * u1[i];
            }
            return g;
        }
    }

    /**
     * The exact solution on a pattern when it passes the KKT check, else null.
     *
     * @param w     the weights w = P(z₀ − τz₁)
     * @param tau   the fixed-point penalty τ on this pattern
     * @param valid whether w satisfies the KKT conditions of docs/math.md §4.1: q = 1, the sign of
     *              each kept coordinate and |(Σw − b)_i| ≤ τ off the support; q = ∞, a positive
     *              common magnitude, non-negative simplex weights t_j = −sign(w_j)(Σw − b)_j/τ on
     *              the ties and |w_i| ≤ ‖w‖_∞ on the others
     * @param gradient Σw − b as the KKT check computed it (high-dimensional regime: one pass over Σ
     *                 at the root, or the pattern's path; null otherwise), for a certificate
     *                 without a further pass
     */
    record Solution(double[] w, double tau, boolean valid, double[] gradient) {}

    /** The minimiser of ½wᵀΣw − bᵀw + τ‖w‖_q on this pattern at a given τ: w = P(z₀ − τz₁) (no KKT check). */
    Solution atPenalty(double[] z0, double[] z1, double tau, int d) {
        return new Solution(weights(z0, z1, tau, d), tau, false, null);
    }

    /** The optimum on this pattern if the pattern is the optimum's, else null. */
    double[] solveExactly(PreparedModel pm, double eps) {
        Solution s = solve(pm, eps);
        return s != null && s.valid() ? s.w() : null;
    }

    /** w = P(z₀ − τz₁). */
    double[] weights(double[] z0, double[] z1, double tau, int d) {
        double[] w = new double[d];
        for (int i = 0; i < d; i++) {
            int a = owner[i];
            w[i] = a < 0 ? 0.0 : coef[i] * (z0[a] - tau * z1[a]);
        }
        return w;
    }

    /** The KKT check of {@link Solution#valid} at w = w(τ); Σw − b as given (from the path), or from Σ when null. */
    private boolean valid(PreparedModel pm, double[] w, double tau, double[] gradient) {
        int d = pm.d;
        double[] g = gradient;
        if (g == null) {
            g = new double[d];
            pm.gradient(w, g);
        }
        double slack = KKT_SLACK * tau + 1e-14 * LpNorm.LINF.norm(pm.b);
        if (group < 0) {
            for (int i = 0; i < d; i++) {
                if (owner[i] >= 0) {
                    if (!(w[i] * e[owner[i]] > 0)) {
                        return false;
                    }
                } else if (Math.abs(g[i]) > tau + slack) {
                    return false;
                }
            }
            return true;
        }
        double mag = 0.0;
        for (int i = 0; i < d; i++) {
            if (owner[i] == group) {
                mag = Math.abs(w[i]);
                if (!(coef[i] * w[i] > 0)) {
                    return false;
                }
                if (-coef[i] * g[i] < -slack) {
                    return false;
                }
            }
        }
        for (int i = 0; i < d; i++) {
            if (owner[i] >= 0 && owner[i] != group && Math.abs(w[i]) > mag * (1 + 1e-12)) {
                return false;
            }
        }
        return true;
    }

    /** Solves M z0 = r and M z1 = e (M symmetric positive definite, k × k, row-major). */
    private static boolean solveSpd(double[] m, int k, double[] r, double[] e, double[] z0, double[] z1) {
        if (k == 1) {
            if (!(m[0] > 0)) {
                return false;
            }
            z0[0] = r[0] / m[0];
            z1[0] = e[0] / m[0];
            return true;
        }
        if (k == 2) {
            double det = m[0] * m[3] - m[1] * m[2];
            if (!(det > 0) || !(m[0] > 0)) {
                return false;
            }
            z0[0] = (m[3] * r[0] - m[1] * r[1]) / det;
            z0[1] = (m[0] * r[1] - m[2] * r[0]) / det;
            z1[0] = (m[3] * e[0] - m[1] * e[1]) / det;
            z1[1] = (m[0] * e[1] - m[2] * e[0]) / det;
            return true;
        }
        DMatrixRMaj a = new DMatrixRMaj(k, k, true, m);
        DMatrixRMaj rhs = new DMatrixRMaj(k, 2);
        for (int i = 0; i < k; i++) {
            rhs.set(i, 0, r[i]);
            rhs.set(i, 1, e[i]);
        }
        DMatrixRMaj sol = new DMatrixRMaj(k, 2);
        if (!CommonOps_DDRM.solveSPD(a, rhs, sol)) {
            return false;
        }
        for (int i = 0; i < k; i++) {
            z0[i] = sol.get(i, 0);
            z1[i] = sol.get(i, 1);
            if (!Double.isFinite(z0[i]) || !Double.isFinite(z1[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignPattern p
                && p.group == group
                && Arrays.equals(p.owner, owner)
                && Arrays.equals(p.coef, coef);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(owner) * 31 + Arrays.hashCode(coef);
    }
}
