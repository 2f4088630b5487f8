package tradeoffs.theory.regression;

import tradeoffs.theory.norm.SimplexProjection;

/**
 * The ℓ1 attack (penalty q = ∞) in high dimension by one accelerated proximal-gradient run on the
 * fixed-point form of docs/math.md §4.8 [derived]: the optimum minimises ½wᵀΣw − bᵀw + τ‖w‖_∞ at
 * the τ that solves τ = φ(w) = εs(cs + εn)/(s + cεn). FISTA with gradient restart (O'Donoghue and
 * Candès 2015), step 1/L with L the Gershgorin bound on λ_max(Σ), and the prox of t‖·‖_∞ written
 * as the clip at the threshold θ of the ℓ1-ball projection (§1.3): u_i = sign(x_i)·min(|x_i|, θ),
 * so tied coordinates are exactly equal. τ is refreshed from s² = v − bᵀy + yᵀ(Σy − b) and
 * n = ‖y‖_∞ at every step (the gradient is computed afresh there anyway), so the penalty search
 * and the inner solve run as one iteration, with no factorisation.
 *
 * <p>The result is only a candidate: the caller certifies it ({@link Certificates}) and falls back
 * to the exact active-set routes when the certificate is not tight.
 */
final class MaxNormFixedPoint {
    /** Steps before giving up. */
    static final int MAX_STEPS = 20_000;
    /** Relative step size at which the iteration counts as converged. */
    private static final double TOLERANCE = 1e-15;

    private MaxNormFixedPoint() {}

    /** The candidate optimum from {@code start} (null: w = 0), or null when the steps do not settle. */
    static double[] solve(PreparedModel pm, double eps, double[] start) {
        int d = pm.d;
        double step = 1.0 / pm.lambdaMaxBound;
        double[] w = start == null ? new double[d] : start.clone();
        double[] y = w.clone();
        double[] g = new double[d];
        double[] x = new double[d];
        double[] abs = new double[d];
        double[] next = new double[d];
        FistaMomentum momentum = new FistaMomentum();
        int quiet = 0;
        for (int it = 0; it < MAX_STEPS; it++) {
            pm.gradient(y, g);
            double s2 = pm.v;
            double n = 0.0;
            double l1 = 0.0;
            for (int i = 0; i < d; i++) {
                s2 += y[i] * (g[i] - pm.b[i]);
                n = Math.max(n, Math.abs(y[i]));
                x[i] = y[i] - step * g[i];
                abs[i] = Math.abs(x[i]);
                l1 += abs[i];
            }
            double tau = FixedPoint.tau(Math.sqrt(Math.max(s2, 0.0)), n, eps);
            double radius = step * tau;
            if (l1 <= radius) {
                java.util.Arrays.fill(next, 0.0);
            } else {
                double theta = SimplexProjection.threshold(abs, radius);
                for (int i = 0; i < d; i++) {
                    next[i] = abs[i] > theta ? Math.copySign(theta, x[i]) : x[i];
                }
            }
            quiet = momentum.advance(next, w, y, TOLERANCE) ? quiet + 1 : 0;
            if (quiet >= 3) {
                return w;
            }
        }
        return null;
    }
}
