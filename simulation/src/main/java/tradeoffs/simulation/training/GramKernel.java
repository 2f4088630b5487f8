package tradeoffs.simulation.training;

/**
 * S = XᵀX for a row-major n×d design: the symmetric rank-k update (BLAS dsyrk) that forms the
 * sufficient statistics of the finite-sample objective once per sample (docs/math.md §6.1). Only
 * the upper triangle is accumulated; the lower triangle is mirrored at the end. Every S_jk sums
 * the rows in the same order, in groups of four rows from the first (S_jk + (((x_0j x_0k +
 * x_1j x_1k) + x_2j x_2k) + x_3j x_3k), then the next four), then the last n mod 4 rows one at a
 * time, whichever of the two loops below forms it, so the result is bit for bit the same for every
 * d and n.
 *
 * <p>For d ≥ {@link #ROW_BUFFER_MIN_D} four rows at a time are copied into four row buffers and
 * one loop over k adds the group's sum to two rows of S at once, S_j and S_{j+1}, every array
 * indexed by k alone: that is the shape C2's auto-vectoriser (JDK 17) accepts. Indexed as x[o + k]
 * with a different row offset o per array, as the four-by-four register block below does, the
 * loads and stores of the same array type cannot be shown not to overlap and the loop stays scalar
 * (measured: -XX:-UseSuperWord changed its time by 10 %).
 *
 * <p>Why four rows and two rows of S (benchmarks/results/fsgramjit.md): C2 (JDK 17) unrolls, and so
 * vectorises, a loop whose body has more than LoopUnrollLimit (60) nodes only when its superword
 * pre-analysis passes. The former loop, eight row buffers into one row of S (about 60 nodes),
 * passed it or not with the control flow around it: when rowBuffers was compiled after 40 or more
 * profiled calls whose n was a multiple of 8, C2 pruned the never-entered remainder loops and the
 * eight-row loop compiled scalar (LogCompilation: 3.6 KB of code instead of 7.8 KB) and stayed so.
 * In fresh fit JVMs (n = 10⁴, d = 100, ℓ2, thread CPU) that gave XᵀX 12.3–16.2 ms in 6 of 20 and
 * 5.0–5.6 ms in the others. This loop's body is well under the limit whatever the profile: 4.4–6.6
 * ms in 20 of 20 such JVMs, alternated with those; in a driver whose first calls prune the
 * remainder loops, 4.4–4.6 ms against 12.6–18.0 ms for the eight-row loop (5.0–5.1 against
 * 5.1–7.4 ms when nothing is pruned). Numpy's OpenBLAS {@code X.T @ X}: 3.0 ms at n = 10⁴, 29 ms
 * at n = 10⁵.
 *
 * <p>Shapes measured and not kept (benchmarks/results/fsgram.md, fsgramjit.md; CPU time, n = 10⁴,
 * d = 100): four rows into one row of S (robust too, 5.7–8.4 ms); one loop over eight-row blocks
 * with the remainder as zero-padded blocks (the same sums; fast or slow with the profile of its
 * last block, 4.9–13.8 ms); the eight-row block in a method of its own (inlined, and slow, when the
 * remainder loops are pruned; compiled on its own, 1.6 KB of code: not unrolled); twelve or sixteen
 * rows per pass, eight rows into two rows of S, k from j rounded down to a multiple of eight (all
 * scalar, 9–17 ms); the full square (k from 0, twice the products; 7.1 ms). A smaller vector size
 * (the JVM flag -XX:MaxVectorSize=32) shortened the former loop's scalar pre- and post-loops by
 * 12–17 %. At d = 20 (benchmarks/results/fsgram20.md, n = 10⁴, interleaved in one JVM): rows
 * padded to a multiple of 8, k from j rounded down to a multiple of 4 or 8, the full square, four
 * rows of S per k loop, the register block and one four-row buffer read at offsets were all
 * 1.1–1.6× this loop's time. The two speeds of this loop in fresh fit JVMs at d = 20 (XᵀX about
 * 0.33 or 0.5 ms) are slow spells of the machine's vCPUs (an L1-resident C loop slows alike), not
 * two compilations.
 */
final class GramKernel {
    /** The smallest d for which the row-buffer loop is used. */
    static final int ROW_BUFFER_MIN_D = 16;

    /**
     * The smallest d for which a pass over the rows (SmoothedObjective) copies each row into a
     * buffer to vectorise its accumulations: at n = 10⁴, d = 20 the copy and the short loops cost
     * more than they saved (fit 2.7–2.9 → 3.0–3.4 ms CPU).
     */
    static final int ROW_BUFFER_MIN_D_PASS = 32;

    private GramKernel() {}

    /**
     * acc[j] += a · x[off + j] for j < acc.length, through {@code buf} when d ≥
     * {@link #ROW_BUFFER_MIN_D_PASS} (so that C2 vectorises the loop), plainly below; the same
     * sums in the same order either way.
     */
    static void addScaledRow(double[] acc, double a, double[] x, int off, double[] buf) {
        int d = acc.length;
        if (d < ROW_BUFFER_MIN_D_PASS) {
            for (int j = 0; j < d; j++) {
                acc[j] += a * x[off + j];
            }
            return;
        }
        System.arraycopy(x, off, buf, 0, d);
        for (int j = 0; j < d; j++) {
            acc[j] += a * buf[j];
        }
    }

    /**
     * acc1[j] += a1 · x[off + j] and acc2[j] += a2 · x[off + j] for j < acc1.length (acc2 as long):
     * {@link #addScaledRow} twice, with the row copied into {@code buf} once; the same sums in the
     * same order.
     */
    static void addScaledRows(double[] acc1, double a1, double[] acc2, double a2, double[] x, int off, double[] buf) {
        int d = acc1.length;
        if (d < ROW_BUFFER_MIN_D_PASS) {
            for (int j = 0; j < d; j++) {
                acc1[j] += a1 * x[off + j];
            }
            for (int j = 0; j < d; j++) {
                acc2[j] += a2 * x[off + j];
            }
            return;
        }
        System.arraycopy(x, off, buf, 0, d);
        for (int j = 0; j < d; j++) {
            acc1[j] += a1 * buf[j];
        }
        for (int j = 0; j < d; j++) {
            acc2[j] += a2 * buf[j];
        }
    }

    /**
     * For the rows k0 ≤ k &lt; k0 + count of the row-major x (d = a.length columns):
     * a[j] += ca[k − k0]·x_kj and, when b and c are non-null, b[j] += cb[k − k0]·x_kj and
     * c[j] += cc[k − k0]·x_kj, row after row: {@link #addScaledRow} called row by row, bit for bit
     * (each a[j] is (((a[j] + ca₀x₀ⱼ) + ca₁x₁ⱼ) + ca₂x₂ⱼ) + ca₃x₃ⱼ for four rows). Four rows at a
     * time, so each accumulator is read and written once per four rows instead of once per row;
     * for d ≥ {@link #ROW_BUFFER_MIN_D_PASS} the four rows are copied into {@code buf} (four
     * d-long arrays) so that every array of the loops is indexed by j alone (the shape C2
     * vectorises; buf may be null below that d).
     */
    static void addScaledBlock(
            double[] a,
            double[] ca,
            double[] b,
            double[] cb,
            double[] c,
            double[] cc,
            double[] x,
            int k0,
            int count,
            double[][] buf) {
        int d = a.length;
        int k = 0;
        for (; k + 4 <= count; k += 4) {
            int o0 = (k0 + k) * d;
            if (d >= ROW_BUFFER_MIN_D_PASS) {
                for (int r = 0; r < 4; r++) {
                    System.arraycopy(x, o0 + r * d, buf[r], 0, d);
                }
                addFourRows(a, ca, k, buf);
                if (b != null) {
                    addFourRows(b, cb, k, buf);
                }
                if (c != null) {
                    addFourRows(c, cc, k, buf);
                }
            } else {
                addFourRows(a, ca, k, x, o0);
                if (b != null) {
                    addFourRows(b, cb, k, x, o0);
                }
                if (c != null) {
                    addFourRows(c, cc, k, x, o0);
                }
            }
        }
        for (; k < count; k++) {
            int o = (k0 + k) * d;
            double fa = ca[k];
            for (int j = 0; j < d; j++) {
                a[j] += fa * x[o + j];
            }
            if (b != null) {
                double fb = cb[k];
                for (int j = 0; j < d; j++) {
                    b[j] += fb * x[o + j];
                }
            }
            if (c != null) {
                double fc = cc[k];
                for (int j = 0; j < d; j++) {
                    c[j] += fc * x[o + j];
                }
            }
        }
    }

    /** acc[j] = (((acc[j] + f₀x₀ⱼ) + f₁x₁ⱼ) + f₂x₂ⱼ) + f₃x₃ⱼ, f = coef[k..k+3], rows in buf. */
    private static void addFourRows(double[] acc, double[] coef, int k, double[][] buf) {
        double f0 = coef[k];
        double f1 = coef[k + 1];
        double f2 = coef[k + 2];
        double f3 = coef[k + 3];
        double[] x0 = buf[0];
        double[] x1 = buf[1];
        double[] x2 = buf[2];
        double[] x3 = buf[3];
        for (int j = 0; j < acc.length; j++) {
            acc[j] = (((acc[j] + f0 * x0[j]) + f1 * x1[j]) + f2 * x2[j]) + f3 * x3[j];
        }
    }

    /** As above, the four rows read in place from x at offsets o, o + d, o + 2d, o + 3d. */
    private static void addFourRows(double[] acc, double[] coef, int k, double[] x, int o) {
        int d = acc.length;
        double f0 = coef[k];
        double f1 = coef[k + 1];
        double f2 = coef[k + 2];
        double f3 = coef[k + 3];
        int o1 = o + d;
        int o2 = o1 + d;
        int o3 = o2 + d;
        for (int j = 0; j < d; j++) {
            acc[j] = (((acc[j] + f0 * x[o + j]) + f1 * x[o1 + j]) + f2 * x[o2 + j]) + f3 * x[o3 + j];
        }
    }

    /** XᵀX (d×d, row-major, symmetric); x is n×d row-major and not modified. */
    static double[] gram(double[] x, int n, int d) {
        if (d == 2) {
            return twoFeatures(x, n);
        }
        return d >= ROW_BUFFER_MIN_D ? rowBuffers(x, n, d) : registerBlock(x, n, d);
    }

    /**
     * The register block's sums for d = 2 (the same expressions in the same order, four rows at a
     * time, then one), with the three entries in registers instead of memory.
     */
    static double[] twoFeatures(double[] x, int n) {
        double s00 = 0;
        double s01 = 0;
        double s11 = 0;
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            int o = 2 * i;
            double a0 = x[o];
            double b0 = x[o + 1];
            double a1 = x[o + 2];
            double b1 = x[o + 3];
            double a2 = x[o + 4];
            double b2 = x[o + 5];
            double a3 = x[o + 6];
            double b3 = x[o + 7];
            s00 += a0 * a0 + a1 * a1 + a2 * a2 + a3 * a3;
            s01 += a0 * b0 + a1 * b1 + a2 * b2 + a3 * b3;
            s11 += b0 * b0 + b1 * b1 + b2 * b2 + b3 * b3;
        }
        for (; i < n; i++) {
            double a = x[2 * i];
            double b = x[2 * i + 1];
            s00 += a * a;
            s01 += a * b;
            s11 += b * b;
        }
        return new double[] {s00, s01, s01, s11};
    }

    /**
     * Four rows at a time through four row buffers (then one row at a time), every array of the
     * inner loop indexed by k alone; each k loop adds the group's four-row sum to two rows of S,
     * S_j and S_{j+1} (S_jj first, on its own), so the four buffers are read once for both.
     */
    static double[] rowBuffers(double[] x, int n, int d) {
        double[][] s = new double[d][d];
        double[] x0 = new double[d];
        double[] x1 = new double[d];
        double[] x2 = new double[d];
        double[] x3 = new double[d];
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            int o = i * d;
            System.arraycopy(x, o, x0, 0, d);
            System.arraycopy(x, o + d, x1, 0, d);
            System.arraycopy(x, o + 2 * d, x2, 0, d);
            System.arraycopy(x, o + 3 * d, x3, 0, d);
            int j = 0;
            for (; j + 2 <= d; j += 2) {
                double[] g = s[j];
                double[] h = s[j + 1];
                double a0 = x0[j];
                double a1 = x1[j];
                double a2 = x2[j];
                double a3 = x3[j];
                double b0 = x0[j + 1];
                double b1 = x1[j + 1];
                double b2 = x2[j + 1];
                double b3 = x3[j + 1];
                g[j] += a0 * a0 + a1 * a1 + a2 * a2 + a3 * a3;
                for (int k = j + 1; k < d; k++) {
                    double y0 = x0[k];
                    double y1 = x1[k];
                    double y2 = x2[k];
                    double y3 = x3[k];
                    g[k] += a0 * y0 + a1 * y1 + a2 * y2 + a3 * y3;
                    h[k] += b0 * y0 + b1 * y1 + b2 * y2 + b3 * y3;
                }
            }
            if (j < d) {
                double[] g = s[j];
                g[j] += x0[j] * x0[j] + x1[j] * x1[j] + x2[j] * x2[j] + x3[j] * x3[j];
            }
        }
        for (; i < n; i++) {
            System.arraycopy(x, i * d, x0, 0, d);
            for (int j = 0; j < d; j++) {
                double[] g = s[j];
                double a = x0[j];
                for (int k = j; k < d; k++) {
                    g[k] += a * x0[k];
                }
            }
        }
        double[] out = new double[d * d];
        for (int j = 0; j < d; j++) {
            System.arraycopy(s[j], 0, out, j * d, d);
        }
        mirror(out, d);
        return out;
    }

    /** Four rows and four columns at a time in registers (the loop for small d). */
    static double[] registerBlock(double[] x, int n, int d) {
        double[] g = new double[d * d];
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            int o0 = i * d;
            int o1 = o0 + d;
            int o2 = o1 + d;
            int o3 = o2 + d;
            int j = 0;
            for (; j + 4 <= d; j += 4) {
                double a0 = x[o0 + j];
                double a1 = x[o1 + j];
                double a2 = x[o2 + j];
                double a3 = x[o3 + j];
                double b0 = x[o0 + j + 1];
                double b1 = x[o1 + j + 1];
                double b2 = x[o2 + j + 1];
                double b3 = x[o3 + j + 1];
                double c0 = x[o0 + j + 2];
                double c1 = x[o1 + j + 2];
                double c2 = x[o2 + j + 2];
                double c3 = x[o3 + j + 2];
                double e0 = x[o0 + j + 3];
                double e1 = x[o1 + j + 3];
                double e2 = x[o2 + j + 3];
                double e3 = x[o3 + j + 3];
                int ga = j * d;
                int gb = ga + d;
                int gc = gb + d;
                int ge = gc + d;
                // the upper triangle of the 4×4 diagonal block
                g[ga + j] += a0 * a0 + a1 * a1 + a2 * a2 + a3 * a3;
                g[ga + j + 1] += a0 * b0 + a1 * b1 + a2 * b2 + a3 * b3;
                g[ga + j + 2] += a0 * c0 + a1 * c1 + a2 * c2 + a3 * c3;
                g[ga + j + 3] += a0 * e0 + a1 * e1 + a2 * e2 + a3 * e3;
                g[gb + j + 1] += b0 * b0 + b1 * b1 + b2 * b2 + b3 * b3;
                g[gb + j + 2] += b0 * c0 + b1 * c1 + b2 * c2 + b3 * c3;
                g[gb + j + 3] += b0 * e0 + b1 * e1 + b2 * e2 + b3 * e3;
                g[gc + j + 2] += c0 * c0 + c1 * c1 + c2 * c2 + c3 * c3;
                g[gc + j + 3] += c0 * e0 + c1 * e1 + c2 * e2 + c3 * e3;
                g[ge + j + 3] += e0 * e0 + e1 * e1 + e2 * e2 + e3 * e3;
                for (int k = j + 4; k < d; k++) {
                    double x0 = x[o0 + k];
                    double x1 = x[o1 + k];
                    double x2 = x[o2 + k];
                    double x3 = x[o3 + k];
                    g[ga + k] += a0 * x0 + a1 * x1 + a2 * x2 + a3 * x3;
                    g[gb + k] += b0 * x0 + b1 * x1 + b2 * x2 + b3 * x3;
                    g[gc + k] += c0 * x0 + c1 * x1 + c2 * x2 + c3 * x3;
                    g[ge + k] += e0 * x0 + e1 * x1 + e2 * x2 + e3 * x3;
                }
            }
            for (; j < d; j++) {
                double a0 = x[o0 + j];
                double a1 = x[o1 + j];
                double a2 = x[o2 + j];
                double a3 = x[o3 + j];
                int gj = j * d;
                for (int k = j; k < d; k++) {
                    g[gj + k] += a0 * x[o0 + k] + a1 * x[o1 + k] + a2 * x[o2 + k] + a3 * x[o3 + k];
                }
            }
        }
        for (; i < n; i++) {
            int o = i * d;
            for (int j = 0; j < d; j++) {
                double a = x[o + j];
                int gj = j * d;
                for (int k = j; k < d; k++) {
                    g[gj + k] += a * x[o + k];
                }
            }
        }
        mirror(g, d);
        return g;
    }

    /** Copies the upper triangle of the row-major d×d matrix g onto its lower triangle. */
    private static void mirror(double[] g, int d) {
        for (int j = 0; j < d; j++) {
            for (int k = 0; k < j; k++) {
                g[j * d + k] = g[k * d + j];
            }
        }
    }
}
