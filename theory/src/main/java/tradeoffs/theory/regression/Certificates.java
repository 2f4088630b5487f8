package tradeoffs.theory.regression;

import tradeoffs.theory.norm.LpNorm;
import tradeoffs.theory.norm.SimplexProjection;

/** Computes {@link OptimalityCertificate}s from the subdifferential of R_ε (docs/math.md §4.1, §4.9). */
final class Certificates {
    /** Relative tolerance for |w_i| = ‖w‖_∞ ties in the ℓ1-attack (q = ∞) subdifferential. */
    static final double TIE_TOLERANCE = 1e-9;

    private Certificates() {}

    /**
     * For s &gt; 0: ∂R_ε(w) = (2(s + cεn)/s)(Σw − b) + 2ε(cs + εn)·∂‖w‖_q, and the residual is the
     * distance from 0 to that set (exact for q = 1, 2, ∞). For s = 0 (a noiseless model at its
     * least-squares fit): ∂R = 2εn(cΣ^{1/2}B₂ + ε∂‖w‖_q); the residual evaluates one element,
     * g* = argmin gᵀΣ⁻¹g over ∂‖w‖_q, with the best u ∈ B₂, giving
     * 2ε²n‖g*‖·max(0, 1 − c/(ε‖Σ^{-1/2}g*‖)) (an upper bound, 0 exactly when w is optimal).
     *
     * <p>The suboptimality bound, for a subgradient h of norm kktResidual: in the eigen regime of
     * {@link PreparedModel} (and for s = 0) ‖h‖·(‖w − w_LS‖ + √(bᵀΣ⁻¹b/λ_min)); above it, with no
     * λ_min at hand, the Σ-norm form [derived; docs/math.md §4.9] R(w) − R* ≤ hᵀ(w − w*) ≤ ‖Σ^{-1/2}h‖·‖Σ^{1/2}(w − w*)‖
     * and ‖Σ^{1/2}(u − w_LS)‖² = s(u)² − s(w_LS)², s(w*)² ≤ R* ≤ R(0) = v, so
     * R(w) − R* ≤ ‖L⁻¹h‖·(√(s(w)² − s(w_LS)²) + √(bᵀΣ⁻¹b)) with Σ = LLᵀ: O(d²) per certificate.
     */
    static OptimalityCertificate of(
            PreparedModel pm, LpNorm attack, double eps, double[] w, double s, double n, String method) {
        return of(pm, attack, eps, w, null, s, n, method);
    }

    /**
     * As {@link #of(PreparedModel, LpNorm, double, double[], double, double, String)} with Σw − b
     * already at hand: {@code gradient} must be {@link PreparedModel#gradient}'s value for w (it is
     * overwritten), or null to have it computed here.
     */
    static OptimalityCertificate of(
            PreparedModel pm,
            LpNorm attack,
            double eps,
            double[] w,
            double[] gradient,
            double s,
            double n,
            String method) {
        double kkt;
        LpNorm q = attack.dual();
        double[] h = null;
        if (eps == 0.0) {
            double[] g = gradient(pm, w, gradient);
            kkt = 2.0 * LpNorm.L2.norm(g);
            if (!pm.eigenRegime) {
                h = g;
                for (int i = 0; i < h.length; i++) {
                    h[i] *= 2.0;
                }
            }
        } else if (s > 1e-10 * Math.sqrt(pm.v)) {
            double[] a = gradient(pm, w, gradient);
            double alpha = RiskDerivatives.bySd(s, n, eps) / s;
            for (int i = 0; i < a.length; i++) {
                a[i] *= alpha;
            }
            double kappa = RiskDerivatives.byNorm(s, n, eps);
            kkt = q.subgradientDistance(w, a, kappa, TIE_TOLERANCE);
            if (!pm.eigenRegime) {
                double[] g = q.closestSubgradient(w, a, kappa, TIE_TOLERANCE);
                h = a;
                for (int i = 0; i < h.length; i++) {
                    h[i] += kappa * g[i];
                }
            }
        } else {
            double[] g = minimalSubgradient(pm, q, w);
            double a = Math.sqrt(Math.max(0.0, inverseForm(pm, g)));
            double gn = LpNorm.L2.norm(g);
            kkt = a == 0.0 ? 0.0 : 2.0 * eps * eps * n * gn * Math.max(0.0, 1.0 - AdversarialRisk.C / (eps * a));
        }
        if (h != null) {
            double shift = Math.sqrt(Math.max(0.0, s * s - pm.leastSquaresResidualSd * pm.leastSquaresResidualSd));
            return new OptimalityCertificate(
                    kkt, pm.inverseNorm(h) * (shift + Math.sqrt(pm.explainedVariance)), method);
        }
        double dist = 0.0;
        for (int i = 0; i < pm.d; i++) {
            double r = w[i] - pm.leastSquares[i];
            dist += r * r;
        }
        double bound = kkt * (Math.sqrt(dist) + pm.eigen().minimiserRadius());
        return new OptimalityCertificate(kkt, bound, method);
    }

    /** Σw − b: the given array, or computed when none is given. */
    private static double[] gradient(PreparedModel pm, double[] w, double[] given) {
        if (given != null) {
            return given;
        }
        double[] g = new double[pm.d];
        pm.gradient(w, g);
        return g;
    }

    /** gᵀΣ⁻¹g through the eigen-decomposition. */
    static double inverseForm(PreparedModel pm, double[] g) {
        PreparedModel.Eigen e = pm.eigen();
        double s = 0.0;
        for (int k = 0; k < pm.d; k++) {
            double p = 0.0;
            double[] qk = e.vectors()[k];
            for (int i = 0; i < pm.d; i++) {
                p += qk[i] * g[i];
            }
            s += p * p / e.values()[k];
        }
        return s;
    }

    /**
     * argmin of gᵀΣ⁻¹g over ∂‖w‖_q by accelerated projected gradient (FISTA with restart, step
     * λ_min(Σ)): for q = 1 the coordinates
     * where w_i = 0 range over [−1, 1]; for q = ∞ the weights on the ties of ‖w‖_∞ range over the
     * simplex; otherwise ∂‖w‖_q is the single gradient (w ≠ 0).
     */
    static double[] minimalSubgradient(PreparedModel pm, LpNorm q, double[] w) {
        int d = pm.d;
        if (!q.isOne() && !q.isInfinity()) {
            return q.dual().worstCaseDirection(w);
        }
        double[] g = new double[d];
        double m = LpNorm.LINF.norm(w);
        boolean[] free = new boolean[d];
        int nFree = 0;
        for (int i = 0; i < d; i++) {
            if (q.isOne()) {
                if (w[i] != 0.0) {
                    g[i] = Math.signum(w[i]);
                } else {
                    free[i] = true;
                }
            } else if (m > 0 && Math.abs(w[i]) >= m * (1 - TIE_TOLERANCE)) {
                free[i] = true;
                nFree++;
            }
        }
        if (q.isInfinity()) {
            for (int i = 0; i < d; i++) {
                if (free[i]) {
                    g[i] = Math.signum(w[i]) / nFree;
                }
            }
        }
        if (q.isOne()) {
            boxCoordinateDescent(pm, g, free);
            return g;
        }
        double step = pm.eigen().lambdaMin();
        double[] grad = new double[d];
        double[] y = g.clone();
        double t = 1.0;
        for (int it = 0; it < 200_000; it++) {
            inverseTimes(pm, y, grad);
            double[] next = y.clone();
            if (q.isOne()) {
                for (int i = 0; i < d; i++) {
                    if (free[i]) {
                        next[i] = Math.max(-1.0, Math.min(1.0, y[i] - step * grad[i]));
                    }
                }
            } else {
                double[] tt = new double[nFree];
                int[] idx = new int[nFree];
                int k = 0;
                for (int i = 0; i < d; i++) {
                    if (free[i]) {
                        idx[k] = i;
                        tt[k++] = Math.signum(w[i]) * (y[i] - step * grad[i]);
                    }
                }
                double[] pr = SimplexProjection.project(tt, 1.0);
                for (int j = 0; j < nFree; j++) {
                    next[idx[j]] = Math.signum(w[idx[j]]) * pr[j];
                }
            }
            double change = 0.0;
            double restart = 0.0;
            for (int i = 0; i < d; i++) {
                change = Math.max(change, Math.abs(next[i] - g[i]));
                restart += (y[i] - next[i]) * (next[i] - g[i]);
            }
            double tn = restart > 0 ? 1.0 : (1 + Math.sqrt(1 + 4 * t * t)) / 2;
            double mom = restart > 0 ? 0.0 : (t - 1) / tn;
            for (int i = 0; i < d; i++) {
                y[i] = next[i] + mom * (next[i] - g[i]);
            }
            g = next;
            t = tn;
            if (change < 1e-16 && it > 2) {
                break;
            }
        }
        return g;
    }

    /**
     * min gᵀΣ⁻¹g over the free coordinates in [−1, 1] by exact coordinate minimisation,
     * g_i ← clip(−Σ_{j≠i} H_ij g_j / H_ii) with H = Σ⁻¹; unlike a gradient method it is not slowed by
     * features on very different scales.
     */
    private static void boxCoordinateDescent(PreparedModel pm, double[] g, boolean[] free) {
        int d = pm.d;
        PreparedModel.Eigen e = pm.eigen();
        double[][] h = new double[d][d];
        for (int k = 0; k < d; k++) {
            double[] qk = e.vectors()[k];
            double inv = 1.0 / e.values()[k];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    h[i][j] += inv * qk[i] * qk[j];
                }
            }
        }
        for (int sweep = 0; sweep < 100_000; sweep++) {
            double change = 0.0;
            for (int i = 0; i < d; i++) {
                if (!free[i]) {
                    continue;
                }
                double r = 0.0;
                for (int j = 0; j < d; j++) {
                    if (j != i) {
                        r += h[i][j] * g[j];
                    }
                }
                double x = Math.max(-1.0, Math.min(1.0, -r / h[i][i]));
                change = Math.max(change, Math.abs(x - g[i]));
                g[i] = x;
            }
            if (change < 1e-16) {
                return;
            }
        }
    }

    private static void inverseTimes(PreparedModel pm, double[] g, double[] out) {
        PreparedModel.Eigen e = pm.eigen();
        java.util.Arrays.fill(out, 0.0);
        for (int k = 0; k < pm.d; k++) {
            double[] qk = e.vectors()[k];
            double p = 0.0;
            for (int i = 0; i < pm.d; i++) {
                p += qk[i] * g[i];
            }
            p /= e.values()[k];
            for (int i = 0; i < pm.d; i++) {
                out[i] += p * qk[i];
            }
        }
    }
}
