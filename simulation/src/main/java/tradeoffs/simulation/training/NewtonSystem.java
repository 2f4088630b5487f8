package tradeoffs.simulation.training;

import static tradeoffs.theory.optim.Vectors.dot;

import tradeoffs.theory.optim.Vectors;

/**
 * The Newton system H s = −g of one Newton run, solved by Cholesky, H = UᵀU with U upper
 * triangular, then Uᵀz = −g and Us = z (Golub &amp; Van Loan, Matrix Computations, 4th ed.,
 * Algorithm 4.2.2, the outer-product form), in storage kept across the run's steps: H is written
 * into {@link #hessian} by the caller, and the factor's rows are reused, so a step allocates
 * nothing of size k².
 *
 * <p>Why not EJML's Cholesky (used elsewhere): its inner-product form runs each entry as a dot
 * product, a floating-point reduction that C2 does not vectorise. The outer-product form updates
 * each trailing row by an axpy, a[i][c] −= U_ji·U_jc over c, with both rows separate arrays
 * indexed by c alone: the loop shape C2 vectorises (see {@link GramKernel}). Measured at k = 100
 * (CPU time, one thread): see benchmarks/results/fsfast.md. The ridge repair is that of
 * theory.optim.DampedNewton#choleskyDirection.
 *
 * <p>Not thread-safe: one instance per Newton run.
 */
final class NewtonSystem {
    /** Relative size of the first ridge when round-off breaks definiteness, as DampedNewton. */
    private static final double FIRST_RIDGE = 1e-14;

    private static final int RIDGE_TRIES = 20;
    /**
     * Pivot rows per panel of {@link #factorise} (the four rows {@link #updateByPanel} reads).
     * CPU time per factorisation at k = 100 (one thread, a fresh JVM, after 1 s of warm-up):
     * 33 µs one pivot at a time, 19 µs by panels of four, 47 µs by panels of eight (C2 did not
     * vectorise that eight-term loop); benchmarks/results/fslinfqr.md.
     */
    private static final int PANEL = 4;

    final int k;
    /** H, k × k row-major: the caller writes it before each {@link #direction}. */
    final double[] hessian;
    /** The factor U, row by row (the upper triangle of each row; the rest is not read). */
    private final double[][] factor;

    NewtonSystem(int k) {
        this.k = k;
        this.hessian = new double[k * k];
        this.factor = new double[k][k];
    }

    /**
     * s = −H⁻¹g into {@code direction} for the symmetric positive definite H in {@link #hessian}
     * (not modified; only its upper triangle is read). When round-off breaks definiteness a ridge
     * δI is added, δ = 10⁻¹⁴·max_j|H_jj| and then ×100 per retry (20 tries); false if all fail or
     * s is not finite ({@code direction} is then left as it was).
     */
    boolean direction(double[] gradient, double[] direction) {
        if (!factor()) {
            return false;
        }
        double[] v = new double[k];
        for (int j = 0; j < k; j++) {
            v[j] = -gradient[j];
        }
        solve(v);
        if (!Vectors.allFinite(v)) {
            return false;
        }
        System.arraycopy(v, 0, direction, 0, k);
        return true;
    }

    /**
     * The Newton direction on {w : Aw = const} (A: the rows {@code held}, h &lt; k of them,
     * linearly independent) by the range-space method (Nocedal &amp; Wright, Numerical
     * Optimization, 2nd ed., §16.2): s solves the KKT system H s + Aᵀλ = −g, A s = 0, as
     *
     * <pre>  s₀ = −H⁻¹g,  Y = H⁻¹Aᵀ,  (AY) λ = A s₀,  s = s₀ − Yλ,</pre>
     *
     * one factorisation of H (with the ridge repair of {@link #direction}) and h + 1 solves; AY
     * (h × h) is factored by a second, small system. False if H or AY cannot be factored or s is
     * not finite.
     */
    boolean directionWithHeldRows(double[] gradient, double[][] held, double[] direction) {
        double[] s0 = new double[k];
        if (!direction(gradient, s0)) {
            return false;
        }
        int h = held.length;
        double[][] y = new double[h][];
        for (int a = 0; a < h; a++) {
            y[a] = held[a].clone();
            solve(y[a]);
        }
        NewtonSystem small = new NewtonSystem(h);
        double[] as0 = new double[h];
        for (int a = 0; a < h; a++) {
            as0[a] = -dot(held[a], s0);
            for (int b = 0; b < h; b++) {
                small.hessian[a * h + b] = dot(held[a], y[b]);
            }
        }
        double[] lambda = new double[h];
        if (!small.direction(as0, lambda)) {
            return false;
        }
        for (int a = 0; a < h; a++) {
            double la = lambda[a];
            double[] ya = y[a];
            for (int j = 0; j < k; j++) {
                s0[j] -= la * ya[j];
            }
        }
        if (!Vectors.allFinite(s0)) {
            return false;
        }
        System.arraycopy(s0, 0, direction, 0, k);
        return true;
    }

    /**
     * Factors the H in {@link #hessian} for later {@link #solveFactored} calls, with the ridge repair of
     * {@link #direction}; false if every ridge fails.
     */
    boolean factor() {
        double diag = 0;
        for (int j = 0; j < k; j++) {
            diag = Math.max(diag, Math.abs(hessian[j * k + j]));
        }
        double ridge = 0;
        for (int attempt = 0; attempt < RIDGE_TRIES; attempt++) {
            if (factorise(ridge)) {
                return true;
            }
            ridge = ridge == 0 ? FIRST_RIDGE * Math.max(diag, 1e-300) : ridge * 100;
        }
        return false;
    }

    /** v ← H⁻¹v with the factor of the last successful {@link #factor} (or {@link #direction}). */
    void solveFactored(double[] v) {
        solve(factor, k, v);
    }

    /**
     * Factors the H in {@link #hessian} as it is, with no ridge: false at a pivot that is not
     * positive (H not numerically positive definite), where {@link #factor} would add a ridge.
     */
    boolean factorExactly() {
        return factorise(0);
    }

    /**
     * The factor U of the last successful {@link #factor}, row by row (upper triangles, c ≥ j;
     * shared, do not modify them). The strictly lower part of each row (c &lt; j) is never read nor
     * written here: a caller may keep its own entries there ({@link PieceDirection} keeps Uᵀ).
     */
    double[][] factorRows() {
        return factor;
    }

    /**
     * U with UᵀU = H + ridge·I; false at a pivot that is not positive (or NaN). The outer-product
     * form by panels of {@link #PANEL} pivot rows: the panel's rows are factored and updated among
     * themselves as in the unblocked form, then each trailing row takes the panel's updates in one
     * pass, a_ic = (((a_ic − U_j₀i U_j₀c) − U_j₁i U_j₁c) − …) in pivot order: every entry sees the
     * same operations in the same order as one axpy per pivot, so the factor is the same bit for
     * bit, with a quarter of the trailing rows' loads and stores.
     */
    private boolean factorise(double ridge) {
        double[][] a = factor;
        for (int i = 0; i < k; i++) {
            System.arraycopy(hessian, i * k + i, a[i], i, k - i);
            a[i][i] += ridge;
        }
        for (int jb = 0; jb < k; jb += PANEL) {
            int je = Math.min(k, jb + PANEL);
            for (int j = jb; j < je; j++) {
                double[] rj = a[j];
                double pivot = rj[j];
                if (!(pivot > 0)) {
                    return false;
                }
                double ujj = Math.sqrt(pivot);
                double inv = 1 / ujj;
                rj[j] = ujj;
                for (int c = j + 1; c < k; c++) {
                    rj[c] *= inv;
                }
                updateRows(a, j, j + 1, je);
            }
            if (je < k) {
                // a panel short of PANEL rows is the last one: no trailing rows after it
                updateByPanel(a, jb, je);
            }
        }
        return true;
    }

    /** Rows from ≤ i &lt; to after pivot row j: a_ic −= U_ji U_jc for c ≥ i (one axpy per row). */
    private void updateRows(double[][] a, int j, int from, int to) {
        double[] rj = a[j];
        for (int i = from; i < to; i++) {
            double f = rj[i];
            double[] ri = a[i];
            for (int c = i; c < k; c++) {
                ri[c] -= f * rj[c];
            }
        }
    }

    /** The trailing rows i ≥ je after the four pivot rows jb … je − 1: a_ic −= Σ U_ji U_jc in pivot order. */
    private void updateByPanel(double[][] a, int jb, int je) {
        double[] r0 = a[jb];
        double[] r1 = a[jb + 1];
        double[] r2 = a[jb + 2];
        double[] r3 = a[jb + 3];
        for (int i = je; i < k; i++) {
            double f0 = r0[i];
            double f1 = r1[i];
            double f2 = r2[i];
            double f3 = r3[i];
            subtractFour(a[i], f0, r0, f1, r1, f2, r2, f3, r3, i, k);
        }
    }

    /** v ← (UᵀU)⁻¹v with this run's factor (see {@link #solve(double[][], int, double[])}). */
    private void solve(double[] v) {
        solve(factor, k, v);
    }

    /**
     * v ← (UᵀU)⁻¹v for the factor rows {@code u} of {@link #factorRows} (k × k, upper triangles;
     * only read, so threads may share them): Uᵀz = v by columns of Uᵀ ({@link #forward}), then
     * Us = z by rows. Every entry sees the subtractions of the inner-product (row) forms in the same
     * order, so the result is bit for bit that of EJML's TriangularSolver_DDRM.solveL then
     * solveTranL on L = Uᵀ.
     */
    static void solve(double[][] u, int k, double[] v) {
        forward(u, v, k);
        for (int j = k - 1; j >= 0; j--) {
            double[] rj = u[j];
            double s = v[j];
            for (int c = j + 1; c < k; c++) {
                s -= rj[c] * v[c];
            }
            v[j] = s / rj[j];
        }
    }

    /**
     * v ← U⁻ᵀv: Uᵀz = v along the rows of U (row j holds U_jc for c ≥ j), by panels of four pivot
     * rows: the panel's entries are solved among themselves one axpy at a time, then each later
     * entry takes the four updates in one pass, v_c = (((v_c − z₀U_j₀c) − z₁U_j₁c) − …) in pivot
     * order, the same operations in the same order as one axpy per pivot (the same bits), with a
     * quarter of the loads and stores of v.
     */
    static void forward(double[][] u, double[] v, int d) {
        int j = 0;
        for (; j + 4 <= d; j += 4) {
            double[] u0 = u[j];
            double[] u1 = u[j + 1];
            double[] u2 = u[j + 2];
            double[] u3 = u[j + 3];
            // the panel's triangle, written out (loops of one to three entries cost more to enter
            // than to run)
            double z0 = v[j] / u0[j];
            double v1 = v[j + 1] - z0 * u0[j + 1];
            double v2 = v[j + 2] - z0 * u0[j + 2];
            double v3 = v[j + 3] - z0 * u0[j + 3];
            double z1 = v1 / u1[j + 1];
            v2 -= z1 * u1[j + 2];
            v3 -= z1 * u1[j + 3];
            double z2 = v2 / u2[j + 2];
            v3 -= z2 * u2[j + 3];
            double z3 = v3 / u3[j + 3];
            v[j] = z0;
            v[j + 1] = z1;
            v[j + 2] = z2;
            v[j + 3] = z3;
            subtractFour(v, z0, u0, z1, u1, z2, u2, z3, u3, j + 4, d);
        }
        for (; j < d; j++) {
            double[] uj = u[j];
            double zj = v[j] / uj[j];
            v[j] = zj;
            for (int c = j + 1; c < d; c++) {
                v[c] -= zj * uj[c];
            }
        }
    }

    /**
     * v[c] = (((v[c] − s₀x₀[c]) − s₁x₁[c]) − s₂x₂[c]) − s₃x₃[c] for c in [from, to): four axpys in
     * one pass, each entry loaded and stored once (the panel update of {@link #factorise}, the
     * panel solves of {@link #forward} and PieceDirection's backward solve).
     */
    static void subtractFour(
            double[] v,
            double s0,
            double[] x0,
            double s1,
            double[] x1,
            double s2,
            double[] x2,
            double s3,
            double[] x3,
            int from,
            int to) {
        for (int c = from; c < to; c++) {
            v[c] = v[c] - s0 * x0[c] - s1 * x1[c] - s2 * x2[c] - s3 * x3[c];
        }
    }
}
