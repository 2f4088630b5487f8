package tradeoffs.simulation.training;

/**
 * The finite-sample adversarial training objective (docs/math.md §6.1, §6.3; Ribeiro, Zachariah,
 * Bach, Schön 2023)
 *
 * <pre>  F(w) = (1/n) Σ_i (|y_i − x_iᵀw| + ε‖w‖_q)²</pre>
 *
 * and its smoothed form F_μ(w) = (1/n) Σ_i (ρ_μ(r_i) + εN(w))², r_i = y_i − x_iᵀw, with the Huber
 * function ρ_μ(r) = |r| for |r| ≥ μ and r²/(2μ) + μ/2 inside (so |r| ≤ ρ_μ ≤ |r| + μ/2) and N a
 * {@link NormTerm} (μ = 0 and the exact norm give F), both restricted to the run's sign classes
 * ({@link SignClasses}: the rows of G enter as (s_i r_i + εN)² through their sums). Value,
 * gradient and Hessian in one loop over the explicit rows U: ∇F_μ = −(2/n) Σ α_i ρ'_μ(r_i) x_i
 * + 2ε (mean α) ∇N with α_i = ρ_μ(r_i) + εN, and the Hessian
 * 2S + (2/n) Σ_{|r_i|<μ} (α_i/μ − 1 + ρ'²) x_i x_iᵀ − 2ε(u∇Nᵀ + ∇N uᵀ) + 2ε²∇N∇Nᵀ
 * + 2ε(mean α)∇²N, u = (1/n) Σ ρ'_μ(r_i) x_i.
 */
final class SmoothedObjective {
    /**
     * Rows per block of an evaluation's residuals: 32 rows of d = 100 (25 KB) stay in the
     * first-level cache between the residual pass and the accumulations.
     */
    private static final int EVALUATION_BLOCK = 32;

    private SmoothedObjective() {}

    /**
     * F_μ(w) for the run's ε and classes; fills grad and hess (row-major d×d) when non-null, and
     * then the run's Σ_U ρ' x and Σ_U ρ' y. Leaves the residuals of U in {@code run.residuals}.
     */
    static double evaluate(FitRun run, double[] w, double mu, NormTerm term, double[] grad, double[] hess) {
        return evaluate(run, w, mu, term, grad, hess, null);
    }

    /**
     * As {@link #evaluate(FitRun, double[], double, NormTerm, double[], double[])}, with the
     * Hessian's parts written to {@code parts} instead of a d×d {@code hess} (null) when
     * {@code parts} is non-null (with grad): what a Newton step on a face needs to form PᵀHP
     * without H.
     */
    static double evaluate(
            FitRun run, double[] w, double mu, NormTerm term, double[] grad, double[] hess, Curvature parts) {
        if (grad == null) {
            run.visit(run.classes.m);
            double[] res = residuals(run.classes.x, run.classes.y, run.classes.m, run.stats.d, w, run.residuals);
            return value(run, w, mu, term, res);
        }
        SignClasses c = run.classes;
        SufficientStatistics s = run.stats;
        int n = s.n;
        int d = s.d;
        int m = c.m;
        double[] x = c.x;
        double[] y = c.y;
        boolean classed = !c.exact();
        run.visit(m);
        double eps = run.eps;
        double a = eps * term.value(w);
        // the residuals of a block of rows four rows at a time (dots: sixteen independent chains,
        // not one dot's four), then the block's accumulations four rows at a time
        // (GramKernel.addScaledBlock) while its rows are still in the first-level cache: the rows
        // are read from memory once, as before, and every sum is added row after row, as before
        double[] res = run.residuals;
        boolean blocked = d != 2;
        double[] xw = blocked ? new double[Math.min(m, EVALUATION_BLOCK)] : null;
        double[] copies = blocked ? rowCopyBuffer(d) : null;
        if (!blocked) {
            residuals(x, y, m, d, w, res);
        }
        double f = 0;
        double sumAlpha = 0;
        double sumR2 = 0;
        double halfMu = mu / 2;
        double inv2mu = mu > 0 ? 1 / (2 * mu) : 0;
        double uy = 0;
        if (parts != null) {
            parts.count = 0;
        }
        double[] ga = new double[d];
        double[] u = new double[d];
        double[] rx = classed ? new double[d] : null;
        // the band rows' x and coefficients, added to the band four at a time (addOuterFour)
        double[][] bandRows = hess == null ? null : new double[4][d];
        double[] bandCoef = hess == null ? null : new double[4];
        int pending = 0;
        // per row of a block: α ρ', ρ' and r (the coefficients of its x in the three sums)
        double[] cb = blocked ? new double[EVALUATION_BLOCK] : null;
        double[] db = blocked ? new double[EVALUATION_BLOCK] : null;
        double[] rb = blocked && classed ? new double[EVALUATION_BLOCK] : null;
        double[][] rows4 = blocked && d >= GramKernel.ROW_BUFFER_MIN_D_PASS ? new double[4][d] : null;
        // d = 2: Σ α ρ' x, Σ ρ' x and Σ r x in registers (the same sums as the arrays below)
        double g0 = 0;
        double g1 = 0;
        double u0 = 0;
        double u1 = 0;
        double q0 = 0;
        double q1 = 0;
        double[][] band = hess == null ? null : run.bandMatrix();
        boolean anyBand = false;
        for (int k = 0; k < m; k++) {
            int off = k * d;
            if (blocked && k % EVALUATION_BLOCK == 0) {
                int to = Math.min(m, k + EVALUATION_BLOCK);
                dots(x, k, to, d, w, xw, copies);
                for (int t = k; t < to; t++) {
                    res[t] = y[t] - xw[t - k];
                }
            }
            double r = res[k];
            double ar = Math.abs(r);
            double rho;
            double drho;
            boolean inBand = ar < mu;
            if (inBand) {
                rho = r * r * inv2mu + halfMu;
                drho = r / mu;
            } else {
                rho = ar;
                // sign r (0 at ±0 and NaN) without a branch on the sign: residuals' signs are random
                drho = ar > 0 ? Math.copySign(1.0, r) : 0.0;
            }
            double alpha = rho + a;
            f += alpha * alpha;
            sumAlpha += alpha;
            sumR2 += r * r;
            uy += drho * y[k];
            double c1 = alpha * drho;
            if (d == 2) {
                double x0 = x[off];
                double x1 = x[off + 1];
                g0 += c1 * x0;
                g1 += c1 * x1;
                u0 += drho * x0;
                u1 += drho * x1;
                if (classed) {
                    q0 += r * x0;
                    q1 += r * x1;
                }
            } else {
                // the block's rows are added to the sums four at a time once the block is complete
                int t = k % EVALUATION_BLOCK;
                cb[t] = c1;
                db[t] = drho;
                if (classed) {
                    rb[t] = r;
                }
                if (t == EVALUATION_BLOCK - 1 || k == m - 1) {
                    GramKernel.addScaledBlock(ga, cb, u, db, rx, rb, x, k - t, t + 1, rows4);
                }
            }
            if (band != null && inBand) {
                anyBand = true;
                System.arraycopy(x, off, bandRows[pending], 0, d);
                bandCoef[pending++] = alpha / mu - (1 - drho * drho);
                if (pending == 4) {
                    addOuterFour(band, bandRows, bandCoef);
                    pending = 0;
                }
            } else if (parts != null && inBand) {
                parts.addBandRow(k, alpha / mu - (1 - drho * drho));
            }
        }
        for (int t = 0; t < pending; t++) {
            addOuter(band, bandRows[t], bandCoef[t]);
        }
        if (d == 2) {
            ga[0] = g0;
            ga[1] = g1;
            u[0] = u0;
            u[1] = u1;
            if (classed) {
                rx[0] = q0;
                rx[1] = q1;
            }
        }
        if (anyBand) {
            run.bandDirty = true;
        }
        System.arraycopy(u, 0, run.uU, 0, d);
        run.uyU = uy;
        if (classed) {
            // the rows of G: Σ_G r² = n m₂(w) − Σ_U r², Σ_G s r = t₀ − vᵀw (SignClasses)
            double[] sw = s.gramTimes(w);
            double sumSr = c.t0 - dotProduct(c.v, w);
            f += n * meanSquaredResidual(s, w, sw) - sumR2 + 2 * a * sumSr + c.count * a * a;
            sumAlpha += sumSr + c.count * a;
            for (int j = 0; j < d; j++) {
                // Σ_G α s x = Σ_G r x + a v, Σ_G r x = n(c − Sw) − Σ_U r x
                ga[j] += n * (s.xty[j] - sw[j]) - rx[j] + a * c.v[j];
                u[j] += c.v[j];
            }
        }
        f /= n;
        double meanAlpha = sumAlpha / n;
        double[] gn = new double[d];
        term.gradient(w, gn);
        for (int j = 0; j < d; j++) {
            grad[j] = -2 * ga[j] / n + 2 * eps * meanAlpha * gn[j];
            u[j] /= n;
        }
        if (parts != null) {
            System.arraycopy(u, 0, parts.u, 0, d);
            System.arraycopy(gn, 0, parts.gn, 0, d);
            parts.meanAlpha = meanAlpha;
        }
        if (hess != null) {
            double[] gram = s.gram();
            double twoEps = 2 * eps;
            double twoEps2 = 2 * eps * eps;
            double[] hj = new double[d];
            for (int j = 0; j < d; j++) {
                // row by row through a buffer, every array indexed by k alone (the loop shape C2
                // vectorises; see GramKernel); the same expression per entry as
                // (2S + 2B/n)_jk − 2ε(u_j gn_k + gn_j u_k) + 2ε² gn_j gn_k, bit for bit
                System.arraycopy(gram, j * d, hj, 0, d);
                if (anyBand) {
                    double[] bj = band[j];
                    for (int k = 0; k < d; k++) {
                        hj[k] = 2 * hj[k] + 2 * bj[k] / n;
                    }
                } else {
                    // without band rows the band term is +0, which leaves every sum unchanged
                    for (int k = 0; k < d; k++) {
                        hj[k] = 2 * hj[k];
                    }
                }
                double uj = u[j];
                double gj = gn[j];
                double cj = twoEps2 * gj;
                for (int k = 0; k < d; k++) {
                    hj[k] = hj[k] - twoEps * (uj * gn[k] + gj * u[k]) + cj * gn[k];
                }
                System.arraycopy(hj, 0, hess, j * d, d);
            }
            term.addHessian(w, 2 * eps * meanAlpha, hess);
        }
        return f;
    }

    /**
     * F_μ(w) from the residuals {@code res} of the rows of U at w (value only: the line-search
     * trials), the rows of G through their sums.
     */
    static double value(FitRun run, double[] w, double mu, NormTerm term, double[] res) {
        SignClasses c = run.classes;
        SufficientStatistics s = run.stats;
        int n = s.n;
        int m = c.m;
        double a = run.eps * term.value(w);
        double halfMu = mu / 2;
        double inv2mu = mu > 0 ? 1 / (2 * mu) : 0;
        double f = 0;
        double sumR2 = 0;
        for (int k = 0; k < m; k++) {
            double r = res[k];
            double ar = Math.abs(r);
            double alpha = (ar < mu ? r * r * inv2mu + halfMu : ar) + a;
            f += alpha * alpha;
            sumR2 += r * r;
        }
        if (!c.exact()) {
            double m2 = meanSquaredResidual(s, w, s.gramTimes(w));
            f += n * m2 - sumR2 + 2 * a * (c.t0 - dotProduct(c.v, w)) + c.count * a * a;
        }
        return f / n;
    }

    /** m₂(w) = wᵀSw − 2cᵀw + ȳ² given sw = Sw. */
    private static double meanSquaredResidual(SufficientStatistics s, double[] w, double[] sw) {
        double m2 = s.yy;
        for (int j = 0; j < w.length; j++) {
            m2 += w[j] * sw[j] - 2 * s.xty[j] * w[j];
        }
        return m2;
    }

    private static double dotProduct(double[] a, double[] b) {
        double v = 0;
        for (int j = 0; j < a.length; j++) {
            v += a[j] * b[j];
        }
        return v;
    }

    /**
     * The parts of the Hessian of F_μ at a point (class comment): H = 2S + (2/n) Σ_band c_k x_k x_kᵀ
     * − 2ε(u∇Nᵀ + ∇N uᵀ) + 2ε²∇N∇Nᵀ + 2ε(mean α)∇²N, with the band rows (positions in U) and
     * their coefficients c_k, u, ∇N and mean α. Reused across the evaluations of one Newton run.
     */
    static final class Curvature {
        int[] band = new int[16];
        double[] coef = new double[16];
        int count;
        final double[] u;
        final double[] gn;
        double meanAlpha;

        Curvature(int d) {
            this.u = new double[d];
            this.gn = new double[d];
        }

        void addBandRow(int k, double c) {
            if (count == band.length) {
                band = java.util.Arrays.copyOf(band, 2 * count);
                coef = java.util.Arrays.copyOf(coef, 2 * count);
            }
            band[count] = k;
            coef[count++] = c;
        }
    }

    /** out[k] = y_k − x_kᵀw for the m rows of a row-major block (the two-feature case unrolled). */
    static double[] residuals(double[] x, double[] y, int m, int d, double[] w, double[] out) {
        if (d == 2) {
            double w0 = w[0];
            double w1 = w[1];
            for (int k = 0; k < m; k++) {
                out[k] = y[k] - x[2 * k] * w0 - x[2 * k + 1] * w1;
            }
        } else {
            dots(x, 0, m, d, w, out, rowCopyBuffer(d));
            for (int k = 0; k < m; k++) {
                out[k] = y[k] - out[k];
            }
        }
        return out;
    }

    /** The smallest d for which {@link #dots} takes four rows at a time. */
    static final int MULTI_ROW_MIN_D = 8;

    /**
     * out[k − from] = {@link #dot}(x, k·d, w, d) for the rows from ≤ k &lt; to of a row-major
     * block, bit for bit: each row keeps its own four partial sums, added in the same order and
     * combined as (s₀ + s₁) + (s₂ + s₃). For d ≥ {@link #MULTI_ROW_MIN_D} four rows are summed
     * at a time, so the core runs sixteen independent addition chains instead of four (measured on
     * this machine, n = 10⁴, one thread: d = 100 0.56 → 0.35 ms, d = 20 0.13 → 0.073 ms; at d = 5
     * the four-row loop was slower, 0.047 → 0.058 ms).
     */
    static void dots(double[] x, int from, int to, int d, double[] w, double[] out) {
        dots(x, from, to, d, w, out, null);
    }

    /**
     * A buffer for {@link #dots}' row copies when the rows are a pass over a sample (d ≥
     * {@link #ROW_COPY_MIN_D}); null otherwise.
     */
    static double[] rowCopyBuffer(int d) {
        return d >= ROW_COPY_MIN_D ? new double[4 * d] : null;
    }

    /** The smallest d for which a pass's {@link #dots} copies each four rows into a buffer first. */
    static final int ROW_COPY_MIN_D = 32;

    /**
     * As {@link #dots(double[], int, int, int, double[], double[])}, bit for bit; with a non-null
     * {@code buf} (4d long) each four rows are first copied into it, one contiguous
     * {@link System#arraycopy}, and summed from there. For a pass over a sample far larger than
     * the caches that is faster: four interleaved row streams become one sequential copy (n = 10⁵,
     * d = 100, one thread, load 8: 4.5 against 7.1 ms per pass, the mean of four runs each).
     */
    static void dots(double[] x, int from, int to, int d, double[] w, double[] out, double[] buf) {
        int k = from;
        if (d == 2) {
            // dot's sum for two features is ((0 + p₀) + p₁ + 0) + 0, which is (p₀ + p₁) + 0 bit
            // for bit (adding +0 only turns −0 into +0)
            double w0 = w[0];
            double w1 = w[1];
            for (; k < to; k++) {
                out[k - from] = (x[2 * k] * w0 + x[2 * k + 1] * w1) + 0.0;
            }
        }
        if (d >= MULTI_ROW_MIN_D) {
            for (; k + 4 <= to; k += 4) {
                double[] xs = x;
                int o0 = k * d;
                if (buf != null) {
                    System.arraycopy(x, o0, buf, 0, 4 * d);
                    xs = buf;
                    o0 = 0;
                }
                int o1 = o0 + d;
                int o2 = o1 + d;
                int o3 = o2 + d;
                double a0 = 0;
                double a1 = 0;
                double a2 = 0;
                double a3 = 0;
                double b0 = 0;
                double b1 = 0;
                double b2 = 0;
                double b3 = 0;
                double c0 = 0;
                double c1 = 0;
                double c2 = 0;
                double c3 = 0;
                double e0 = 0;
                double e1 = 0;
                double e2 = 0;
                double e3 = 0;
                int j = 0;
                for (; j + 4 <= d; j += 4) {
                    double w0 = w[j];
                    double w1 = w[j + 1];
                    double w2 = w[j + 2];
                    double w3 = w[j + 3];
                    a0 += xs[o0 + j] * w0;
                    a1 += xs[o0 + j + 1] * w1;
                    a2 += xs[o0 + j + 2] * w2;
                    a3 += xs[o0 + j + 3] * w3;
                    b0 += xs[o1 + j] * w0;
                    b1 += xs[o1 + j + 1] * w1;
                    b2 += xs[o1 + j + 2] * w2;
                    b3 += xs[o1 + j + 3] * w3;
                    c0 += xs[o2 + j] * w0;
                    c1 += xs[o2 + j + 1] * w1;
                    c2 += xs[o2 + j + 2] * w2;
                    c3 += xs[o2 + j + 3] * w3;
                    e0 += xs[o3 + j] * w0;
                    e1 += xs[o3 + j + 1] * w1;
                    e2 += xs[o3 + j + 2] * w2;
                    e3 += xs[o3 + j + 3] * w3;
                }
                for (; j < d; j++) {
                    double wj = w[j];
                    a0 += xs[o0 + j] * wj;
                    b0 += xs[o1 + j] * wj;
                    c0 += xs[o2 + j] * wj;
                    e0 += xs[o3 + j] * wj;
                }
                int o = k - from;
                out[o] = (a0 + a1) + (a2 + a3);
                out[o + 1] = (b0 + b1) + (b2 + b3);
                out[o + 2] = (c0 + c1) + (c2 + c3);
                out[o + 3] = (e0 + e1) + (e2 + e3);
            }
        }
        for (; k < to; k++) {
            out[k - from] = dot(x, k * d, w, d);
        }
    }

    /**
     * {@link #dots} for two vectors at once: outW[k − from] = {@link #dot}(x, k·d, w, d) and
     * outV[k − from] = {@link #dot}(x, k·d, v, d) for the rows from ≤ k &lt; to, bit for bit (each
     * sum keeps its own four partial sums, added in the same order), two rows at a time so that
     * each x_ij is loaded once for both products: the final check's x_iᵀw and x_iᵀcorr
     * ({@link DualCertificate#verify}) in one read of the rows (measured at n = 10⁵, d = 100, one
     * thread, load 8: 8.8 ms against 11.7–12.9 ms for two {@link #dots} per block of 1024 rows).
     */
    static void dotsTwo(double[] x, int from, int to, int d, double[] w, double[] v, double[] outW, double[] outV) {
        int k = from;
        for (; k + 2 <= to; k += 2) {
            int o0 = k * d;
            int o1 = o0 + d;
            double a0 = 0;
            double a1 = 0;
            double a2 = 0;
            double a3 = 0;
            double b0 = 0;
            double b1 = 0;
            double b2 = 0;
            double b3 = 0;
            double c0 = 0;
            double c1 = 0;
            double c2 = 0;
            double c3 = 0;
            double e0 = 0;
            double e1 = 0;
            double e2 = 0;
            double e3 = 0;
            int j = 0;
            for (; j + 4 <= d; j += 4) {
                double x00 = x[o0 + j];
                double x01 = x[o0 + j + 1];
                double x02 = x[o0 + j + 2];
                double x03 = x[o0 + j + 3];
                double x10 = x[o1 + j];
                double x11 = x[o1 + j + 1];
                double x12 = x[o1 + j + 2];
                double x13 = x[o1 + j + 3];
                double w0 = w[j];
                double w1 = w[j + 1];
                double w2 = w[j + 2];
                double w3 = w[j + 3];
                a0 += x00 * w0;
                a1 += x01 * w1;
                a2 += x02 * w2;
                a3 += x03 * w3;
                b0 += x10 * w0;
                b1 += x11 * w1;
                b2 += x12 * w2;
                b3 += x13 * w3;
                double v0 = v[j];
                double v1 = v[j + 1];
                double v2 = v[j + 2];
                double v3 = v[j + 3];
                c0 += x00 * v0;
                c1 += x01 * v1;
                c2 += x02 * v2;
                c3 += x03 * v3;
                e0 += x10 * v0;
                e1 += x11 * v1;
                e2 += x12 * v2;
                e3 += x13 * v3;
            }
            for (; j < d; j++) {
                double x0j = x[o0 + j];
                double x1j = x[o1 + j];
                a0 += x0j * w[j];
                b0 += x1j * w[j];
                c0 += x0j * v[j];
                e0 += x1j * v[j];
            }
            int o = k - from;
            outW[o] = (a0 + a1) + (a2 + a3);
            outW[o + 1] = (b0 + b1) + (b2 + b3);
            outV[o] = (c0 + c1) + (c2 + c3);
            outV[o + 1] = (e0 + e1) + (e2 + e3);
        }
        for (; k < to; k++) {
            outW[k - from] = dot(x, k * d, w, d);
            outV[k - from] = dot(x, k * d, v, d);
        }
    }

    /** Σ_j x[off + j] w[j] with four partial sums (the JIT does not reorder a floating-point sum). */
    static double dot(double[] x, int off, double[] w, int d) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (; j + 4 <= d; j += 4) {
            s0 += x[off + j] * w[j];
            s1 += x[off + j + 1] * w[j + 1];
            s2 += x[off + j + 2] * w[j + 2];
            s3 += x[off + j + 3] * w[j + 3];
        }
        for (; j < d; j++) {
            s0 += x[off + j] * w[j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * h += c · x xᵀ, h's rows separate arrays and x a row buffer, so that each row's loop reads
     * only arrays indexed by k (the shape C2 vectorises; see GramKernel).
     */
    static void addOuter(double[][] h, double[] x, double c) {
        int d = x.length;
        for (int j = 0; j < d; j++) {
            double cj = c * x[j];
            double[] hj = h[j];
            for (int k = 0; k < d; k++) {
                hj[k] += cj * x[k];
            }
        }
    }

    /**
     * h += Σ_{t<4} c_t x_t x_tᵀ: {@link #addOuter} for the four rows x[0..3] (row buffers) in turn,
     * bit for bit (each entry is (((h + c₀x₀ⱼ·x₀ₖ) + c₁x₁ⱼ·x₁ₖ) + c₂x₂ⱼ·x₂ₖ) + c₃x₃ⱼ·x₃ₖ with
     * c_t x_tj rounded first, as there), each row of h read and written once instead of four times.
     */
    static void addOuterFour(double[][] h, double[][] x, double[] c) {
        double[] x0 = x[0];
        double[] x1 = x[1];
        double[] x2 = x[2];
        double[] x3 = x[3];
        int d = x0.length;
        for (int j = 0; j < d; j++) {
            double c0 = c[0] * x0[j];
            double c1 = c[1] * x1[j];
            double c2 = c[2] * x2[j];
            double c3 = c[3] * x3[j];
            double[] hj = h[j];
            for (int k = 0; k < d; k++) {
                hj[k] = (((hj[k] + c0 * x0[k]) + c1 * x1[k]) + c2 * x2[k]) + c3 * x3[k];
            }
        }
    }
}
