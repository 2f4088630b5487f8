package tradeoffs.theory.regression;

import org.apache.commons.math3.analysis.solvers.BrentSolver;
import tradeoffs.theory.norm.L1BallProjection;
import tradeoffs.theory.norm.LpNorm;

/**
 * Adversarial training for the non-smooth cases (docs/math.md §4.8, [derived]): the ℓ∞ attack
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
    /** Up to this dimension a cold solve tries all 3^d − 1 patterns before searching (≤ 26 tiny solves). */
    static final int ENUMERATION_MAX_DIM = 3;
    /** Up to this dimension, when the iterative route cannot be made exact, all patterns are tried. */
    static final int ENUMERATION_FALLBACK_MAX_DIM = 8;
    /** Iteration caps of the inner solvers (beyond them an ill-conditioned problem will not converge anyway). */
    private static final int MAX_SWEEPS = 50_000;
    /** A high-dimensional iterate is accepted without the exact active-set step when its KKT residual is below this (relative to 1 + ‖b‖_∞). */
    static final double CERTIFIED_KKT = 1e-13;

    private PolyhedralFixedPoint() {}

    static AdversarialSolution solve(PreparedModel pm, LpNorm attack, double eps, AdversarialSolution warm) {
        LpNorm q = attack.dual();
        if (FixedPoint.zeroIsOptimal(pm.model(), attack, eps)) {
            return AdversarialSolution.of(pm, attack, eps, new double[pm.d], "zero (||b||_p <= c eps sqrt(v))");
        }
        if (warm != null && warm.attack().equals(attack) && warm.penaltyNorm() > 0) {
            double[] w = exact(pm, SignPattern.of(q, warm.w()), eps);
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
        double[] start = warm != null && warm.attack().equals(attack) ? warm.w() : null;
        if (!pm.eigenRegime) {
            LassoFixedPoint.Certifier certified = (w, gradient, method) -> {
                AdversarialSolution sol = AdversarialSolution.of(pm, attack, eps, w, gradient, method);
                return sol.certificate().kktResidual() <= CERTIFIED_KKT * (1 + LpNorm.LINF.norm(pm.b)) ? sol : null;
            };
            AdversarialSolution sol;
            if (q.isOne()) {
                sol = LassoFixedPoint.solve(pm, eps, start, LassoFixedPoint.STABLE_SWEEPS, certified);
            } else {
                double[] swept = MaxNormFixedPoint.solve(pm, eps, start);
                sol = swept == null ? null : certified.certify(swept, null, "proximal-gradient fixed point");
            }
            if (sol != null) {
                return sol;
            }
        }
        double[] guessed = PrimalDualActiveSet.solve(
                pm, q, eps, warm != null && warm.attack().equals(attack) ? warm.w() : null);
        if (guessed != null) {
            return AdversarialSolution.of(pm, attack, eps, guessed, "active-set (primal-dual)");
        }
        // a loose search usually identifies the pattern, which the exact step then solves to rounding
        double[] rough = solveByPenaltySearch(pm, attack, eps, warm, 1e-9);
        double[] fast = exact(pm, SignPattern.of(q, rough, 1e-6), eps);
        if (fast != null) {
            return AdversarialSolution.of(pm, attack, eps, fast, "active-set");
        }
        double[] iterate = solveByPenaltySearch(pm, attack, eps, warm, 1e-15);
        double[] exact = exact(pm, SignPattern.of(q, iterate), eps);
        if (exact == null && pm.d > ENUMERATION_MAX_DIM && pm.d <= ENUMERATION_FALLBACK_MAX_DIM) {
            // ill-conditioned Σ can stall the iterative solvers; in moderate dimension trying every
            // pattern is still cheap (3^8 tiny solves) and exact
            exact = enumeratePatterns(pm, q, eps);
        }
        if (exact != null) {
            return AdversarialSolution.of(pm, attack, eps, exact, "active-set");
        }
        return AdversarialSolution.of(
                pm, attack, eps, iterate, q.isOne() ? "coordinate-descent-fixed-point" : "fista-fixed-point");
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
            double[] w = exact(pm, SignPattern.of(q, code), eps);
            if (w != null) {
                return w;
            }
        }
        return null;
    }

    /** Brent on F(τ) = φ(w(τ)) − τ, w(τ) from the iterative solver (warm-started across evaluations). */
    static double[] solveByPenaltySearch(
            PreparedModel pm, LpNorm attack, double eps, AdversarialSolution warm, double tol) {
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
        double step = 1.0 / pm.lambdaMaxBound;
        double[] y = w.clone();
        double[] grad = new double[d];
        double[] x = new double[d];
        FistaMomentum momentum = new FistaMomentum();
        for (int it = 0; it < MAX_SWEEPS; it++) {
            pm.gradient(y, grad);
            for (int i = 0; i < d; i++) {
                x[i] = y[i] - step * grad[i];
            }
            double[] next = L1BallProjection.proxMaxNorm(x, step * tau);
            if (momentum.advance(next, w, y, tol) && it > 2) {
                return;
            }
        }
    }

    /** The optimum on pattern p if p is the optimum's pattern, else null (also for p = null). */
    private static double[] exact(PreparedModel pm, SignPattern p, double eps) {
        return p == null ? null : p.solveExactly(pm, eps);
    }
}
