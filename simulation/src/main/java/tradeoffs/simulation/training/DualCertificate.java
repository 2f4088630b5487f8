package tradeoffs.simulation.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.linsol.qr.LinearSolverQrHouseCol_DDRM;
import tradeoffs.theory.norm.LpBall;
import tradeoffs.theory.norm.LpNorm;
import tradeoffs.theory.optim.Vectors;

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
    /** Rows per block of {@link #verify}'s pass (8 KB of x_iᵀw and as much of x_iᵀcorr). */
    private static final int VERIFY_BLOCK = 1024;
    /**
     * The band signs' least squares ({@link #leastSquares}) uses QR when every |R_cc| exceeds
     * this fraction of its column's norm (|R_cc| is the distance of column c from the span of the
     * columns before it), and the SVD pseudo-inverse otherwise. On 360 ℓ∞- and ℓ1-attack fits
     * (n = 10³, 3·10³, 10⁴; d = 2, 20, 50, 100; ε at 0.01, 0.05, 0.2, 0.5, 0.9 of the zero
     * threshold; seeds 1–3) the 460 solves had |R_cc|/‖a_c‖ ≥ 4.2·10⁻⁵, none fell back, the
     * solutions differed from the pseudo-inverse's by at most 1.2·10⁻⁸ of their largest entry,
     * and F, the Newton steps and the passes were those of the pseudo-inverse in all 360 fits;
     * the solve took 8 % of the fit at n = 10³, d = 100 by SVD (benchmarks/results/fslinfqr.md).
     */
    private static final double QR_RANK_TOLERANCE = 1e-8;

    private DualCertificate() {}

    /**
     * What the final check of a certificate computed on the sign classes needs to redo it on all
     * rows: the classes it was computed on, the point, a = ε‖w‖_q, the smoothed a used in α, the
     * least-squares correction of β (null if none), and α, β of the explicit rows (sample indices
     * {@code rows}, increasing).
     */
    record Witness(
            SignClasses classes,
            double[] w,
            double a,
            double aSmooth,
            double[] corr,
            int[] rows,
            double[] alpha,
            double[] beta) {}

    /**
     * F(w) and the dual lower bound of the class comment of {@link DualCertificate} on the run's
     * sign classes: α_i = ρ_μ(r_i) + εN(w) and β_i = α_i ρ'_μ(r_i) (the maximisers; μ = 0 gives
     * |r_i| and sign r_i), which satisfy |β_i| ≤ α_i and, at an optimum, Xᵀβ = εΣα·g with
     * g ∈ ∂‖w‖_q. For the rows in {@code band} (positions in U, residual held at zero) the signs
     * s_i ∈ [−1, 1] are solved by least squares from that stationarity condition. Any remaining
     * violation of ‖Xᵀβ‖_p ≤ εΣα is repaired by least squares over all examples (class comment
     * of {@link DualCertificate}). The rows of G enter with α_i = s_i r_i + εN, β_i = s_i α_i
     * through their sums ({@link SignClasses}); then F and the bound are those of the reduced
     * objective, and {@link #verify} makes them F's in one pass. With every row explicit the
     * result is final.
     */
    static EmpiricalFit certify(FitRun run, double[] w, double mu, NormTerm term, int[] band) {
        return certify(run, run.classes, w, mu, term, band);
    }

    /**
     * {@link #certify(FitRun, double[], double, NormTerm, int[])} on the sign classes {@code c}
     * instead of the run's ({@link ScreenedCertificate}: classes from a screen); {@link #verify}
     * reads them from the witness.
     */
    static EmpiricalFit certify(FitRun run, SignClasses c, double[] w, double mu, NormTerm term, int[] band) {
        SufficientStatistics st = run.stats;
        int n = st.n;
        int d = st.d;
        int m = c.m;
        double[] x = c.x;
        double[] y = c.y;
        run.visit(m);
        double p = run.p;
        double q = run.q;
        double eps = run.eps;
        double a = eps * LpNorm.of(q).norm(w);
        double aSmooth = Math.max(a, eps * term.value(w));
        run.dualArrays(m);
        double[] alpha = run.alpha;
        double[] beta = run.beta;
        double[] r = SmoothedObjective.residuals(x, y, m, d, w, run.residuals);
        double[] sums = rowTerms(r, m, a, mu, aSmooth, alpha, beta);
        double f = sums[0];
        double sumAlpha = sums[1];
        boolean classed = !c.exact();
        double[] zG = new double[d];
        double[] xyG = null;
        double betaYG = 0;
        double alpha2G = 0;
        if (classed) {
            double[] rx = new double[d];
            double[] xy = new double[d];
            double[] r2ry = explicitMoments(r, y, x, m, d, rx, xy);
            double r2 = r2ry[0];
            double ry = r2ry[1];
            double[] sw = st.gramTimes(w);
            double[] moments = weightMoments(st.yy, w, sw, st.xty, c.v, d);
            double m2 = moments[0];
            double cw = moments[1];
            double vw = moments[2];
            double r2G = n * m2 - r2;
            double srG = c.t0 - vw;
            f += r2G + 2 * a * srG + c.count * a * a;
            sumAlpha += srG + c.count * aSmooth;
            alpha2G = r2G + 2 * aSmooth * srG + c.count * aSmooth * aSmooth;
            // β_i = r_i + s_i a on G: Σ_G β x = Σ_G r x + a v, Σ_G β y = Σ_G r y + a t₀
            xyG = new double[d];
            screenedSums(n, st.xty, sw, rx, xy, aSmooth, c.v, zG, xyG, d);
            betaYG = n * (st.yy - cw) - ry + aSmooth * c.t0;
        }
        run.lastBandSigns = null;
        run.lastFreeSubgradient = null;
        if (band != null && (band.length > 0 || q == 1)) {
            for (int k : band) {
                beta[k] = 0;
            }
            run.lastBandSigns = solveBandSigns(run, c, w, eps * sumAlpha, alpha, beta, band, zG);
        }
        double[] z = zG.clone();
        addBetaRows(z, 1, beta, x, m, d);
        f /= n;
        double[] zp = z.clone();
        LpBall.project(LpNorm.of(p), zp, eps * sumAlpha);
        double[] delta = new double[d];
        boolean repair = difference(z, zp, delta, d);
        double[] corr = repair ? st.solveGram(delta) : null;
        double[] corrN = null;
        if (corr != null) {
            corrN = divided(corr, n, d);
        }
        double dual = 0;
        double[] xc = null;
        if (corrN != null) {
            xc = new double[m];
            SmoothedObjective.dots(x, 0, m, d, corrN, xc);
        }
        dual = dualRows(dual, alpha, beta, xc, y, m);
        if (classed) {
            // Rows of G: Σ_G 2b_i y_i exactly; Σ_G max(α_i, |b_i|)² ≤ Σ_G (α_i + |q_i|)² with
            // q_i = x_iᵀcorr/n, ≤ Σα² + 2√(Σα² Σq²) + Σq² by Cauchy–Schwarz, and Σ_G q² ≤ n·qᵀSq
            // (q the correction over n). So the reduced bound is below the one verify computes
            // row by row whenever the classes are right.
            double corrXy = 0;
            double q2 = 0;
            if (corrN != null) {
                corrXy = Vectors.dot(corrN, xyG);
                q2 = Vectors.dot(corrN, st.gramTimes(corrN));
                q2 *= n;
            }
            dual += 2 * (betaYG - corrXy) - (alpha2G + 2 * Math.sqrt(Math.max(alpha2G, 0) * q2) + q2);
        }
        dual /= n;
        EmpiricalFit fit = new EmpiricalFit(w, f, dual, f - dual, run.tolerance, run.steps, run.passes);
        if (classed) {
            run.witnesses.put(
                    fit,
                    new Witness(
                            c,
                            w.clone(),
                            a,
                            aSmooth,
                            corrN,
                            c.rows(),
                            Arrays.copyOf(alpha, m),
                            Arrays.copyOf(beta, m)));
        }
        return fit;
    }

    // The row loops of certify, each a static method of its own (the same operations in the same
    // order): certify runs once or twice per fit, so its loops over the rows made the JIT replace
    // it on the stack loop by loop, up to six compiles of the whole method in a fresh JVM.

    /** α_k, β_k of the explicit rows (certify); returns {Σ(|r_k| + a)², Σα_k}. */
    private static double[] rowTerms(
            double[] r, int m, double a, double mu, double aSmooth, double[] alpha, double[] beta) {
        double f = 0;
        double sumAlpha = 0;
        for (int k = 0; k < m; k++) {
            double rk = r[k];
            double ar = Math.abs(rk);
            double fi = ar + a;
            f += fi * fi;
            double rho = ar >= mu ? ar : rk * rk / (2 * mu) + mu / 2;
            double s = ar >= mu ? Math.signum(rk) : rk / mu;
            double al = rho + aSmooth;
            alpha[k] = al;
            sumAlpha += al;
            beta[k] = al * s;
        }
        return new double[] {f, sumAlpha};
    }

    /** Σ r_k x_k into rx, Σ y_k x_k into xy over the explicit rows; returns {Σr_k², Σr_k y_k}. */
    private static double[] explicitMoments(
            double[] r, double[] y, double[] x, int m, int d, double[] rx, double[] xy) {
        double r2 = 0;
        double ry = 0;
        double[] row = new double[d];
        for (int k = 0; k < m; k++) {
            double rk = r[k];
            double yk = y[k];
            r2 += rk * rk;
            ry += rk * yk;
            GramKernel.addScaledRows(rx, rk, xy, yk, x, k * d, row);
        }
        return new double[] {r2, ry};
    }

    /** {m₂ = ȳ² + Σ_j (w_j (Sw)_j − 2c_j w_j), cᵀw, vᵀw}, in index order. */
    private static double[] weightMoments(double yy, double[] w, double[] sw, double[] c, double[] v, int d) {
        double m2 = yy;
        double cw = 0;
        double vw = 0;
        for (int j = 0; j < d; j++) {
            m2 += w[j] * sw[j] - 2 * c[j] * w[j];
            cw += c[j] * w[j];
            vw += v[j] * w[j];
        }
        return new double[] {m2, cw, vw};
    }

    /** zG = n(c − Sw) − Σ_U r x + a v and xyG = n c − Σ_U y x (the screened rows' sums). */
    private static void screenedSums(
            int n,
            double[] c,
            double[] sw,
            double[] rx,
            double[] xy,
            double aSmooth,
            double[] v,
            double[] zG,
            double[] xyG,
            int d) {
        for (int j = 0; j < d; j++) {
            zG[j] = n * (c[j] - sw[j]) - rx[j] + aSmooth * v[j];
            xyG[j] = n * c[j] - xy[j];
        }
    }

    /** delta = z − zp; whether any entry is non-zero. */
    private static boolean difference(double[] z, double[] zp, double[] delta, int d) {
        boolean any = false;
        for (int j = 0; j < d; j++) {
            delta[j] = z[j] - zp[j];
            any |= delta[j] != 0;
        }
        return any;
    }

    /** A copy of v with every entry divided by n. */
    private static double[] divided(double[] v, int n, int d) {
        double[] out = v.clone();
        for (int j = 0; j < d; j++) {
            out[j] /= n;
        }
        return out;
    }

    /**
     * z += sign · Σ β_k x_k over the rows with β_k ≠ 0, sign = ±1 (z_j − β_k x_kj and
     * z_j + (−β_k) x_kj are the same double, so subtracting is this with sign −1).
     */
    private static void addBetaRows(double[] z, double sign, double[] beta, double[] x, int m, int d) {
        double[] xk = new double[d];
        for (int k = 0; k < m; k++) {
            double b = beta[k];
            if (b != 0) {
                GramKernel.addScaledRow(z, sign * b, x, k * d, xk);
            }
        }
    }

    /** dual + Σ (2b_k y_k − max(α_k, |b_k|)²), b_k = β_k − xc_k (xc null: 0). */
    private static double dualRows(double dual, double[] alpha, double[] beta, double[] xc, double[] y, int m) {
        for (int k = 0; k < m; k++) {
            double b = beta[k];
            if (xc != null) {
                b -= xc[k];
            }
            double al = Math.max(alpha[k], Math.abs(b));
            dual += 2 * b * y[k] - al * al;
        }
        return dual;
    }

    /**
     * The certificate of a fit computed on the sign classes, redone on every row in one pass:
     * F(w) from its definition, and the dual bound with each row's own α_i, β_i (the explicit
     * rows' from the witness; a row of G keeps α_i = s_i r_i + εN, β_i = s_i α_i, raised to
     * α_i = |b_i| where the correction or a changed sign needs it, which keeps the point dual
     * feasible). So the bound is valid whether or not the classes were right, and equals the
     * reduced one when they were. Rows of G with s_i r_i below {@code reopenBelow} (a changed
     * sign, or nearly) are collected in {@code reopen}. A fit without a witness (every row was
     * explicit) is returned as it is.
     */
    static EmpiricalFit verify(FitRun run, EmpiricalFit fit, double reopenBelow, Reopen reopen) {
        Witness wt = run.witnesses.get(fit);
        if (wt == null) {
            return fit;
        }
        SufficientStatistics st = run.stats;
        SignClasses c = wt.classes();
        int n = st.n;
        int d = st.d;
        double[] x = st.x;
        double[] y = st.y;
        run.passes++;
        double[] w = wt.w;
        double a = wt.a;
        double aSmooth = wt.aSmooth;
        double[] corrN = wt.corr;
        int[] rows = wt.rows;
        int next = 0;
        double f = 0;
        double dual = 0;
        // x_iᵀw and x_iᵀcorr for a block of rows at a time through the multi-row kernel (the same
        // bits as one dot per row), the block small enough to stay in the first-level cache
        int block = Math.min(n, VERIFY_BLOCK);
        double[] xw = new double[block];
        double[] xc = corrN == null ? null : new double[block];
        double[] copies = SmoothedObjective.rowCopyBuffer(d);
        for (int from = 0; from < n; from += block) {
            int to = Math.min(n, from + block);
            if (xc != null) {
                // both products from one read of the rows (same bits as two dots calls)
                SmoothedObjective.dotsTwo(x, from, to, d, w, corrN, xw, xc);
            } else {
                SmoothedObjective.dots(x, from, to, d, w, xw, copies);
            }
            for (int i = from; i < to; i++) {
                int at = i - from;
                double yi = y[i];
                double r = yi - xw[at];
                double fi = Math.abs(r) + a;
                f += fi * fi;
                double al;
                double be;
                if (next < rows.length && rows[next] == i) {
                    al = wt.alpha[next];
                    be = wt.beta[next];
                    next++;
                } else {
                    int s = c.sign(i);
                    double sr = s * r;
                    al = sr + aSmooth;
                    be = s * al;
                    if (sr < reopenBelow) {
                        reopen.add(i);
                    }
                }
                double b = xc == null ? be : be - xc[at];
                double al2 = Math.max(al, Math.abs(b));
                dual += 2 * b * yi - al2 * al2;
            }
        }
        f /= n;
        dual /= n;
        return new EmpiricalFit(w, f, dual, f - dual, run.tolerance, run.steps, run.passes);
    }

    /** Rows of G to reopen, collected by {@link #verify} up to a limit. */
    static final class Reopen {
        final int[] rows;
        int count;
        boolean overflow;

        Reopen(int limit) {
            this.rows = new int[limit];
        }

        void add(int i) {
            if (count < rows.length) {
                rows[count++] = i;
            } else {
                overflow = true;
            }
        }
    }

    /**
     * Solves Σ_{i∈band} α_i s_i x_i − R·G λ = R·g₀ − Σ_{i∉band} β_i x_i (the rows of G through their
     * sum zG) in least squares for the
     * band signs s_i (clipped to [−1, 1]) and the free part λ of the subgradient g = g₀ + Gλ of
     * ‖·‖_q at w (q = 1: free entries where w_j = 0; q = ∞: convex weights on the tied maximal
     * entries; q = 2: none). Writes β_i = α_i s_i for the band and returns the unclipped s_i.
     */
    private static double[] solveBandSigns(
            FitRun run,
            SignClasses classes,
            double[] w,
            double radius,
            double[] alpha,
            double[] beta,
            int[] band,
            double[] zG) {
        int n = classes.m;
        int d = run.stats.d;
        double[] x = classes.x;
        double q = run.q;
        double[] rhs0 = new double[d];
        for (int j = 0; j < d; j++) {
            rhs0[j] = -zG[j];
        }
        addBetaRows(rhs0, -1, beta, x, n, d);
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
        DMatrixRMaj sol = leastSquares(a, b);
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

    /**
     * The least-squares solution of A s = b (A rows × cols, rows ≥ cols): by Householder QR,
     * s = R⁻¹Qᵀb (Golub &amp; Van Loan, Matrix Computations, 4th ed., §5.3.3), when every |R_cc|
     * exceeds {@link #QR_RANK_TOLERANCE} times the norm of A's column c (A has full column rank
     * and the solution is unique: the same as the pseudo-inverse's to round-off); otherwise the
     * minimum-norm solution A⁺b by SVD. Modifies neither argument.
     */
    static DMatrixRMaj leastSquares(DMatrixRMaj a, DMatrixRMaj b) {
        int rows = a.numRows;
        int cols = a.numCols;
        DMatrixRMaj sol = new DMatrixRMaj(cols, 1);
        if (rows >= cols) {
            LinearSolverQrHouseCol_DDRM qr = new LinearSolverQrHouseCol_DDRM();
            if (qr.setA(a.copy()) && fullColumnRank(a, qr.getDecomposition().getR(null, true))) {
                qr.solve(b.copy(), sol);
                if (Vectors.allFinite(sol.data)) {
                    return sol;
                }
            }
        }
        DMatrixRMaj pinv = new DMatrixRMaj(cols, rows);
        CommonOps_DDRM.pinv(a, pinv);
        CommonOps_DDRM.mult(pinv, b, sol);
        return sol;
    }

    /** Whether |R_cc| &gt; {@link #QR_RANK_TOLERANCE}·‖a_c‖₂ for every column c of A = QR. */
    private static boolean fullColumnRank(DMatrixRMaj a, DMatrixRMaj r) {
        for (int c = 0; c < a.numCols; c++) {
            double norm = 0;
            for (int j = 0; j < a.numRows; j++) {
                double v = a.get(j, c);
                norm += v * v;
            }
            if (!(Math.abs(r.get(c, c)) > QR_RANK_TOLERANCE * Math.sqrt(norm))) {
                return false;
            }
        }
        return true;
    }
}
