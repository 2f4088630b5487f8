package tradeoffs.simulation.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import tradeoffs.theory.norm.LpBall;
import tradeoffs.theory.norm.LpNorm;

/**
 * The optimality certificate of a finite-sample fit: a lower bound on min F from a feasible point
 * of a dual problem, so that F(w) − min F ≤ F(w) − D (docs/math.md §6.4).
 *
 * <p>[derived] With t² = max_{α≥0}(2αt − α²), |r| = max_{|s|≤1} s r and ‖w‖_q = max_{‖u‖_p≤1} uᵀw,
 * F(w) = max over (α, β, γ) with |β_i| ≤ α_i, ‖γ‖_p ≤ mean α of
 * (1/n)(2βᵀy − ‖α‖²) + wᵀ(2εγ − (2/n)Xᵀβ). Choosing γ = Xᵀβ/(nε) removes w, so every (α, β) with
 * |β_i| ≤ α_i and ‖Xᵀβ‖_p ≤ ε Σα_i gives the lower bound D = (1/n)(2βᵀy − ‖α‖²) ≤ min F.
 * From the answer w we take α_i = |r_i| + εN, β_i = α_i·s_i with s_i = sign r_i (the
 * maximisers; for residuals held at zero, s_i solved from stationarity by least squares; for a
 * smoothed answer, the Huber derivative), repair the constraint by moving Xᵀβ onto the ℓp ball
 * with the least-squares correction β ← β − X S⁻¹Δ/n, and raise α_i to |β_i| where needed. At the
 * optimum this D equals F(w). Whatever the solver did, D is a valid lower bound.
 */
final class DualCertificate {
    private DualCertificate() {
    }

    /**
     * Evaluates F(w) exactly and builds the dual lower bound of the class comment of {@link DualCertificate}: α_i =
     * ρ_μ(r_i) + εN(w) and β_i = α_i ρ'_μ(r_i) (the maximisers; μ = 0 gives |r_i| and sign r_i),
     * which satisfy |β_i| ≤ α_i and, at an optimum, Xᵀβ = εΣα·g with g ∈ ∂‖w‖_q. For the
     * examples in {@code band} (residual held at zero) the signs s_i ∈ [−1, 1] are solved by least
     * squares from that stationarity condition. Any remaining violation of ‖Xᵀβ‖_p ≤ εΣα is
     * repaired by least squares over all examples (class comment of {@link DualCertificate}), so the bound is always valid.
     */
    static EmpiricalFit certify(FitRun run, double[] w, double mu, NormTerm term, int[] band) {
        run.passes += 2;
        SufficientStatistics st = run.stats;
        int n = st.n;
        int d = st.d;
        double[] x = st.x;
        double[] y = st.y;
        double p = run.p;
        double q = run.q;
        double eps = run.eps;
        double a = eps * LpNorm.of(q).norm(w);
        double aSmooth = Math.max(a, eps * term.value(w));
        double[] alpha = run.alpha;
        double[] beta = run.beta;
        double f = 0;
        double sumAlpha = 0;
        double[] z = new double[d];
        for (int i = 0; i < n; i++) {
            int off = i * d;
            double r = y[i];
            for (int j = 0; j < d; j++) {
                r -= x[off + j] * w[j];
            }
            double ar = Math.abs(r);
            double fi = ar + a;
            f += fi * fi;
            double rho = ar >= mu ? ar : r * r / (2 * mu) + mu / 2;
            double s = ar >= mu ? Math.signum(r) : r / mu;
            double al = rho + aSmooth;
            alpha[i] = al;
            sumAlpha += al;
            beta[i] = al * s;
        }
        run.lastBandSigns = null;
        run.lastFreeSubgradient = null;
        if (band != null && (band.length > 0 || q == 1)) {
            for (int i : band) {
                beta[i] = 0;
            }
            run.lastBandSigns = solveBandSigns(run, w, eps * sumAlpha, alpha, beta, band);
        }
        for (int i = 0; i < n; i++) {
            int off = i * d;
            for (int j = 0; j < d; j++) {
                z[j] += beta[i] * x[off + j];
            }
        }
        f /= n;
        double[] zp = z.clone();
        LpBall.project(LpNorm.of(p), zp, eps * sumAlpha);
        double[] delta = new double[d];
        boolean repair = false;
        for (int j = 0; j < d; j++) {
            delta[j] = z[j] - zp[j];
            repair |= delta[j] != 0;
        }
        double[] corr = repair ? st.solveGram(delta) : null;
        double dual = 0;
        for (int i = 0; i < n; i++) {
            double b = beta[i];
            if (corr != null) {
                int off = i * d;
                for (int j = 0; j < d; j++) {
                    b -= x[off + j] * corr[j] / n;
                }
            }
            double al = Math.max(alpha[i], Math.abs(b));
            dual += 2 * b * y[i] - al * al;
        }
        dual /= n;
        return new EmpiricalFit(w, f, dual, f - dual, run.tolerance, run.steps, run.passes);
    }

    /**
     * Solves Σ_{i∈band} α_i s_i x_i − R·G λ = R·g₀ − Σ_{i∉band} β_i x_i in least squares for the
     * band signs s_i (clipped to [−1, 1]) and the free part λ of the subgradient g = g₀ + Gλ of
     * ‖·‖_q at w (q = 1: free entries where w_j = 0; q = ∞: convex weights on the tied maximal
     * entries; q = 2: none). Writes β_i = α_i s_i for the band and returns the unclipped s_i.
     */
    private static double[] solveBandSigns(FitRun run, double[] w, double radius, double[] alpha, double[] beta,
                                           int[] band) {
        SufficientStatistics st = run.stats;
        int n = st.n;
        int d = st.d;
        double[] x = st.x;
        double q = run.q;
        double[] rhs0 = new double[d];
        for (int i = 0; i < n; i++) {
            if (beta[i] != 0) {
                int off = i * d;
                for (int j = 0; j < d; j++) {
                    rhs0[j] -= beta[i] * x[off + j];
                }
            }
        }
        double nw = LpNorm.of(q).norm(w);
        List<double[]> free = new ArrayList<>();
        int[] freeCoordinate = new int[d];
        boolean sumRow = false;
        if (q == 2) {
            for (int j = 0; j < d; j++) {
                rhs0[j] += radius * w[j] / nw;
            }
        } else if (q == 1) {
            for (int j = 0; j < d; j++) {
                if (w[j] != 0) {
                    rhs0[j] += radius * Math.signum(w[j]);
                } else {
                    double[] col = new double[d];
                    col[j] = -radius;
                    freeCoordinate[free.size()] = j;
                    free.add(col);
                }
            }
        } else {
            sumRow = true;
            for (int j = 0; j < d; j++) {
                if (Math.abs(w[j]) == nw) {
                    double[] col = new double[d];
                    col[j] = -radius * Math.signum(w[j]);
                    free.add(col);
                }
            }
        }
        int rows = d + (sumRow ? 1 : 0);
        int cols = band.length + free.size();
        DMatrixRMaj a = new DMatrixRMaj(rows, cols);
        DMatrixRMaj b = new DMatrixRMaj(rows, 1);
        for (int j = 0; j < d; j++) {
            b.data[j] = rhs0[j];
        }
        for (int c = 0; c < band.length; c++) {
            int off = band[c] * d;
            for (int j = 0; j < d; j++) {
                a.set(j, c, alpha[band[c]] * x[off + j]);
            }
        }
        for (int c = 0; c < free.size(); c++) {
            for (int j = 0; j < d; j++) {
                a.set(j, band.length + c, free.get(c)[j]);
            }
            if (sumRow) {
                a.set(d, band.length + c, 1);
            }
        }
        if (sumRow) {
            b.data[d] = 1;
        }
        DMatrixRMaj pinv = new DMatrixRMaj(cols, rows);
        CommonOps_DDRM.pinv(a, pinv);
        DMatrixRMaj sol = new DMatrixRMaj(cols, 1);
        CommonOps_DDRM.mult(pinv, b, sol);
        if (q == 1) {
            run.lastFreeSubgradient = new double[d];
            Arrays.fill(run.lastFreeSubgradient, Double.NaN);
            for (int c = 0; c < free.size(); c++) {
                run.lastFreeSubgradient[freeCoordinate[c]] = sol.data[band.length + c];
            }
        }
        double[] signs = new double[band.length];
        for (int c = 0; c < band.length; c++) {
            signs[c] = sol.data[c];
            double s = Math.max(-1, Math.min(1, sol.data[c]));
            beta[band[c]] = alpha[band[c]] * s;
        }
        return signs;
    }
}
