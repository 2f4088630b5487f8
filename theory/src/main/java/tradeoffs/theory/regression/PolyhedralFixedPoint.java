package tradeoffs.theory.regression;

import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import tradeoffs.theory.norm.L1BallProjection;
import tradeoffs.theory.norm.LpNorm;

/**
 * Adversarial training for the non-smooth cases (THEORY.md §1.5, [derived]): the ℓ∞ attack
 * (penalty q = 1, lasso-like) and the ℓ1 attack (penalty q = ∞).
 *
 * <p>Every minimiser with s &gt; 0 satisfies Σw − b = −τg, g ∈ ∂‖w‖_q, with
 * τ = εs(cs + εn)/(s + cεn); so w is the minimiser of the penalised quadratic
 * ½wᵀΣw − bᵀw + τ‖w‖_q at the τ that solves τ = φ(w(τ)). Because R_ε is strictly convex
 * (s² is, and the rest is convex) this root is unique and is found by Brent's method in
 * τ ∈ (0, ‖b‖_p); each evaluation solves the penalised quadratic iteratively (coordinate descent
 * with soft thresholding for q = 1; FISTA with the ℓ∞ prox, i.e. x − Π_{ℓ1 ball}(x), for q = ∞).
 *
 * <p>The iterate is then made exact by an active-set step: on the sign/tie pattern of w the
 * solution is w = P z with z(τ) = z₀ − τz₁, M = PᵀΣP, z₀ = M⁻¹Pᵀb, z₁ = M⁻¹e, so
 * s(τ)² = s₀² + κτ² and n(τ) = n₀ − κτ (s₀² = v − bᵀPz₀, κ = eᵀz₁, n₀ = eᵀz₀) and the fixed point
 * is a scalar equation with closed-form coefficients. The pattern solution is accepted only if it
 * satisfies the KKT conditions, which gives exact zeros (q = 1) and exact ties (q = ∞). Along an
 * ε grid the previous pattern is tried first, which makes grid points cost about a microsecond in
 * two dimensions. For d ≤ 3 a cold solve tries every pattern directly (3^d − 1 of them), and for
 * d ≤ 8 that enumeration is the fallback when the iterative route cannot be made exact.
 */
final class PolyhedralFixedPoint {
    private static final int MAX_EVALUATIONS = 300;
    private static final double KKT_SLACK = 1e-9;
    /** Up to this dimension a cold solve tries all 3^d − 1 patterns before searching (≤ 26 tiny solves). */
    static final int ENUMERATION_MAX_DIM = 3;
    /** Up to this dimension, when the iterative route cannot be made exact, all patterns are tried. */
    static final int ENUMERATION_FALLBACK_MAX_DIM = 8;
    /** Iteration caps of the inner solvers (beyond them an ill-conditioned problem will not converge anyway). */
    private static final int MAX_SWEEPS = 50_000;

    private PolyhedralFixedPoint() {
    }

    static AdversarialSolution solve(PreparedModel pm, LpNorm attack, double eps, AdversarialSolution warm) {
        LpNorm q = attack.dual();
        if (FixedPoint.zeroIsOptimal(pm.model(), attack, eps)) {
            return AdversarialSolution.of(pm, attack, eps, new double[pm.d], "zero (||b||_p <= c eps sqrt(v))");
        }
        if (warm != null && warm.attack().equals(attack) && warm.penaltyNorm() > 0) {
            double[] w = solvePattern(pm, Pattern.of(q, warm.w()), eps);
            if (w != null) {
                return AdversarialSolution.of(pm, attack, eps, w, "active-set");
            }
        }
        if (pm.d <= ENUMERATION_MAX_DIM) {
            double[] w = enumeratePatterns(pm, q, eps);
            if (w != null) {
                return AdversarialSolution.of(pm, attack, eps, w, "active-set");
            }
        }
        // a loose search usually identifies the pattern, which the exact step then solves to rounding
        double[] rough = solveByPenaltySearch(pm, attack, eps, warm, 1e-9);
        Pattern rp = Pattern.of(q, rough, 1e-6);
        double[] fast = rp == null ? null : solvePattern(pm, rp, eps);
        if (fast != null) {
            return AdversarialSolution.of(pm, attack, eps, fast, "active-set");
        }
        double[] iterate = solveByPenaltySearch(pm, attack, eps, warm, 1e-15);
        Pattern p = Pattern.of(q, iterate);
        double[] exact = p == null ? null : solvePattern(pm, p, eps);
        if (exact == null && pm.d > ENUMERATION_MAX_DIM && pm.d <= ENUMERATION_FALLBACK_MAX_DIM) {
            // ill-conditioned Σ can stall the iterative solvers; in moderate dimension trying every
            // pattern is still cheap (3^8 tiny solves) and exact
            exact = enumeratePatterns(pm, q, eps);
        }
        if (exact != null) {
            return AdversarialSolution.of(pm, attack, eps, exact, "active-set");
        }
        return AdversarialSolution.of(pm, attack, eps, iterate, q.isOne() ? "coordinate-descent-fixed-point" : "fista-fixed-point");
    }

    /**
     * In low dimension every sign/tie pattern can be tried: vectors in {−1, 0, 1}^d (q = 1: the
     * support and its signs; q = ∞: ±1 marks the tied coordinates, 0 the free ones). R_ε is strictly
     * convex, so the first pattern whose exact solution passes the KKT check is the optimum.
     */
    static double[] enumeratePatterns(PreparedModel pm, LpNorm q, double eps) {
        int d = pm.d;
        int total = 1;
        for (int i = 0; i < d; i++) {
            total *= 3;
        }
        double[] code = new double[d];
        for (int k = 1; k < total; k++) {
            int x = k;
            for (int i = 0; i < d; i++) {
                code[i] = (x % 3) - 1;
                x /= 3;
            }
            double[] w = solvePattern(pm, Pattern.of(q, code), eps);
            if (w != null) {
                return w;
            }
        }
        return null;
    }

    /** Brent on F(τ) = φ(w(τ)) − τ, w(τ) from the iterative solver (warm-started across evaluations). */
    static double[] solveByPenaltySearch(PreparedModel pm, LpNorm attack, double eps, AdversarialSolution warm, double tol) {
        LpNorm q = attack.dual();
        double tauMax = attack.norm(pm.b);
        double[] w = warm != null && warm.attack().equals(attack) ? warm.w() : pm.leastSquares.clone();
        double lo = 0.0;
        if (pm.noiseless()) {
            lo = 1e-10 * tauMax;
            double flo = residual(pm, q, eps, lo, w, tol);
            if (flo <= 0) {
                return pm.leastSquares.clone();
            }
        }
        BrentSolver brent = new BrentSolver(Math.max(1e-15, tol), 1e-300, 1e-300);
        double tau = brent.solve(MAX_EVALUATIONS, t -> residual(pm, q, eps, t, w, tol), lo, tauMax);
        penalised(pm, q, tau, w, tol);
        return w;
    }

    /** F(τ) = φ(w(τ)) − τ; w holds the warm start and receives w(τ). */
    private static double residual(PreparedModel pm, LpNorm q, double eps, double tau, double[] w, double tol) {
        penalised(pm, q, tau, w, tol);
        double s = Math.sqrt(pm.residualVariance(w));
        return FixedPoint.tau(s, q.norm(w), eps) - tau;
    }

    /** Minimises ½wᵀΣw − bᵀw + τ‖w‖_q in place (w is the warm start) until steps are below tol·(1 + ‖w‖_∞). */
    static void penalised(PreparedModel pm, LpNorm q, double tau, double[] w, double tol) {
        if (q.isOne()) {
            lassoCoordinateDescent(pm, tau, w, tol);
        } else {
            maxNormFista(pm, tau, w, tol);
        }
    }

    /** Coordinate descent: w_i ← S(b_i − Σ_{j≠i} Σ_ij w_j, τ)/Σ_ii, S the soft threshold (exact zeros). */
    static void lassoCoordinateDescent(PreparedModel pm, double tau, double[] w, double tol) {
        int d = pm.d;
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double change = 0.0;
            double size = 0.0;
            for (int i = 0; i < d; i++) {
                double[] row = pm.sigma[i];
                double rho = pm.b[i];
                for (int j = 0; j < d; j++) {
                    if (j != i) {
                        rho -= row[j] * w[j];
                    }
                }
                double next = rho > tau ? (rho - tau) / row[i] : rho < -tau ? (rho + tau) / row[i] : 0.0;
                change = Math.max(change, Math.abs(next - w[i]));
                size = Math.max(size, Math.abs(next));
                w[i] = next;
            }
            if (change <= tol * (1 + size)) {
                return;
            }
        }
    }

    /** FISTA with gradient restart (O'Donoghue and Candès 2015) and prox_{t‖·‖∞}(x) = x − Π_{‖·‖₁ ≤ t}(x). */
    static void maxNormFista(PreparedModel pm, double tau, double[] w, double tol) {
        int d = pm.d;
        double step = 1.0 / pm.lambdaMax;
        double[] y = w.clone();
        double[] grad = new double[d];
        double[] x = new double[d];
        double t = 1.0;
        for (int it = 0; it < MAX_SWEEPS; it++) {
            pm.gradient(y, grad);
            for (int i = 0; i < d; i++) {
                x[i] = y[i] - step * grad[i];
            }
            double[] next = L1BallProjection.proxMaxNorm(x, step * tau);
            double change = 0.0;
            double size = 0.0;
            double restart = 0.0;
            for (int i = 0; i < d; i++) {
                change = Math.max(change, Math.abs(next[i] - w[i]));
                size = Math.max(size, Math.abs(next[i]));
                restart += (y[i] - next[i]) * (next[i] - w[i]);
            }
            double tn = restart > 0 ? 1.0 : (1 + Math.sqrt(1 + 4 * t * t)) / 2;
            double mom = restart > 0 ? 0.0 : (t - 1) / tn;
            for (int i = 0; i < d; i++) {
                y[i] = next[i] + mom * (next[i] - w[i]);
                w[i] = next[i];
            }
            t = tn;
            if (change <= tol * (1 + size) && it > 2) {
                return;
            }
        }
    }

    /**
     * The exact solution on a pattern, or null when the pattern's KKT conditions fail: q = 1, the
     * sign of each kept coordinate and |(Σw − b)_i| ≤ τ off the support; q = ∞, a positive common
     * magnitude, non-negative simplex weights t_j = −sign(w_j)(Σw − b)_j/τ on the ties and
     * |w_i| ≤ ‖w‖_∞ on the others.
     */
    static double[] solvePattern(PreparedModel pm, Pattern p, double eps) {
        if (p == null) {
            return null;
        }
        int k = p.k;
        int d = pm.d;
        double[] m = new double[k * k];
        double[] r = new double[k];
        for (int i = 0; i < d; i++) {
            int a = p.owner[i];
            if (a < 0) {
                continue;
            }
            r[a] += p.coef[i] * pm.b[i];
            double[] row = pm.sigma[i];
            for (int j = 0; j < d; j++) {
                int bcol = p.owner[j];
                if (bcol >= 0) {
                    m[a * k + bcol] += p.coef[i] * p.coef[j] * row[j];
                }
            }
        }
        double[] z0 = new double[k];
        double[] z1 = new double[k];
        if (!solveSpd(m, k, r, p.e, z0, z1)) {
            return null;
        }
        double kappa = 0.0;
        double n0 = 0.0;
        for (int a = 0; a < k; a++) {
            kappa += p.e[a] * z1[a];
            n0 += p.e[a] * z0[a];
        }
        // s₀² = v − bᵀPz₀, evaluated as s(w_LS)² + (w₀ − w_LS)ᵀΣ(w₀ − w_LS) to keep its relative
        // accuracy when it is tiny (nearly noiseless models); exactly 0 only when the pattern fits y
        double[] w0 = new double[d];
        for (int i = 0; i < d; i++) {
            w0[i] = p.owner[i] < 0 ? 0.0 : p.coef[i] * z0[p.owner[i]];
        }
        double s02 = pm.residualVariance(w0);
        s02 = s02 <= 1e-24 * pm.v ? 0.0 : s02;
        if (!(kappa > 0) || !(n0 > 0)) {
            return null;
        }
        double hi = n0 / kappa;
        final double sq = s02;
        final double kp = kappa;
        final double nn = n0;
        java.util.function.DoubleUnaryOperator f = t -> FixedPoint.tau(Math.sqrt(sq + kp * t * t), nn - kp * t, eps) - t;
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
            if (!valid(pm, p, weights(p, z0, z1, lo, d), lo)) {
                return null;
            }
            if (f.applyAsDouble(lo) <= 0) {
                tau = 0.0;
            } else {
                tau = new BrentSolver(1e-15, 1e-300, 1e-300).solve(MAX_EVALUATIONS, f::applyAsDouble, lo, hi);
            }
        } else {
            tau = new BrentSolver(1e-15, 1e-300, 1e-300).solve(MAX_EVALUATIONS, f::applyAsDouble, lo, hi);
        }
        double[] w = weights(p, z0, z1, tau, d);
        return valid(pm, p, w, tau) ? w : null;
    }

    /** w = P(z₀ − τz₁). */
    private static double[] weights(Pattern p, double[] z0, double[] z1, double tau, int d) {
        double[] w = new double[d];
        for (int i = 0; i < d; i++) {
            int a = p.owner[i];
            w[i] = a < 0 ? 0.0 : p.coef[i] * (z0[a] - tau * z1[a]);
        }
        return w;
    }

    private static boolean valid(PreparedModel pm, Pattern p, double[] w, double tau) {
        int d = pm.d;
        double[] g = new double[d];
        pm.gradient(w, g);
        double slack = KKT_SLACK * tau + 1e-14 * LpNorm.LINF.norm(pm.b);
        if (!p.maxNorm) {
            for (int i = 0; i < d; i++) {
                if (p.owner[i] >= 0) {
                    if (!(w[i] * p.e[p.owner[i]] > 0)) {
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
            if (p.owner[i] == 0) {
                mag = Math.abs(w[i]);
                if (!(p.coef[i] * w[i] > 0)) {
                    return false;
                }
                if (-p.coef[i] * g[i] < -slack) {
                    return false;
                }
            }
        }
        for (int i = 0; i < d; i++) {
            if (p.owner[i] > 0 && Math.abs(w[i]) > mag * (1 + 1e-12)) {
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

    /**
     * A sign/tie pattern: w_i = coef_i · z_{owner_i} (owner −1: w_i = 0) and ‖Pz‖_q = eᵀz.
     * q = 1: one column per non-zero coordinate, e = its sign. q = ∞: column 0 is the group of
     * coordinates tied at ‖w‖_∞ (coef = their signs, e = 1), every other coordinate is free (e = 0).
     */
    static final class Pattern {
        final int k;
        final int[] owner;
        final double[] coef;
        final double[] e;
        final boolean maxNorm;

        private Pattern(int k, int[] owner, double[] coef, double[] e, boolean maxNorm) {
            this.k = k;
            this.owner = owner;
            this.coef = coef;
            this.e = e;
            this.maxNorm = maxNorm;
        }

        static Pattern of(LpNorm q, double[] w) {
            return of(q, w, Certificates.TIE_TOLERANCE);
        }

        /** The pattern of w; for q = ∞ coordinates within tieTolerance (relative) of ‖w‖_∞ count as tied. */
        static Pattern of(LpNorm q, double[] w, double tieTolerance) {
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
                return k == 0 ? null : new Pattern(k, owner, coef, java.util.Arrays.copyOf(e, k), false);
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
            return new Pattern(k, owner, coef, e, true);
        }
    }
}
